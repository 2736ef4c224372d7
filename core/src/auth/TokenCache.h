//
// TokenCache.h
//
// Definition of the TokenCache class.
//

#ifndef feedhub_TokenCache_INCLUDED
#define feedhub_TokenCache_INCLUDED

#include "auth/TokenClaims.h"
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace feedhub
{

class TokenCache
    /// Tokens already verified, each until it stops being valid, so that a
    /// client sending the same token again costs no signature verification.
    /// Bounded: when full, expired entries go, and if none has, all of them.
    /// Any thread; the lock is held for one lookup or insertion.
{
public:
    using ClaimsPtr = std::shared_ptr<const TokenClaims>;

    explicit TokenCache(std::size_t capacity);

    ClaimsPtr find(const std::string& token, const Poco::Timestamp& now) const;
        /// The claims of a token verified before and still valid, or null.
    void add(const std::string& token, ClaimsPtr claims, const Poco::Timestamp& now);

    std::size_t size() const;

private:
    std::size_t _capacity;
    mutable std::mutex _mutex;
    std::unordered_map<std::string, ClaimsPtr> _claims;
};

} // namespace feedhub

#endif // feedhub_TokenCache_INCLUDED
