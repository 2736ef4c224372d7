//
// TokenCache.cpp
//

#include "auth/TokenCache.h"

namespace feedhub
{

TokenCache::TokenCache(std::size_t capacity) : _capacity(capacity) {}

TokenCache::ClaimsPtr TokenCache::find(const std::string& token, const Poco::Timestamp& now) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    const auto found = _claims.find(token);
    if (found == _claims.end() || found->second->validUntil < now)
        return nullptr;
    return found->second;
}

void TokenCache::add(const std::string& token, ClaimsPtr claims, const Poco::Timestamp& now)
{
    if (_capacity == 0)
        return;
    std::lock_guard<std::mutex> lock(_mutex);
    if (_claims.size() >= _capacity)
    {
        for (auto entry = _claims.begin(); entry != _claims.end();)
            entry = entry->second->validUntil < now ? _claims.erase(entry) : std::next(entry);
        if (_claims.size() >= _capacity)
            _claims.clear();
    }
    _claims[token] = std::move(claims);
}

std::size_t TokenCache::size() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _claims.size();
}

} // namespace feedhub
