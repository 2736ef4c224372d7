//
// Authorizer.h
//
// Definition of the Authorizer class.
//

#ifndef feedhub_Authorizer_INCLUDED
#define feedhub_Authorizer_INCLUDED

#include "auth/AuthRefusal.h"
#include "auth/AuthSettings.h"
#include "auth/CorsPolicy.h"
#include "auth/FailureLimiter.h"
#include "auth/FeedTopics.h"
#include "auth/TokenCache.h"
#include "auth/TokenVerifier.h"
#include "feedhub/HttpRequest.h"
#include "feedhub/Publication.h"
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

class Authorizer
    /// The one place that decides who may publish and who may listen; every
    /// route asks it: /publish, each subscribing transport (SSE, long poll and
    /// any later one) before it subscribes, and the feed-route wrapper.
    ///
    /// Tokens are JWTs (TokenVerifier) carrying {"feedhub": {"publish": [...],
    /// "subscribe": [...]}}. A publisher's token comes only from the
    /// Authorization: Bearer header, never from a cookie, so a browser cannot
    /// be made to publish with its user's credentials. A subscriber's comes
    /// from the header, the feedhub_token cookie or ?token= (EventSource sets
    /// no headers). Every refusal (401, 403) counts against the client's
    /// address (FailureLimiter); past the limit the address is refused 429.
    /// Any thread.
{
public:
    explicit Authorizer(const AuthSettings& settings, const std::string& corsOrigin);
        /// Throws Poco::InvalidArgumentException if the public key cannot be read.

    void authorizePublish(const HttpRequest& request, const std::vector<Publication>& publications);
        /// Throws AuthRefusal unless the request may publish every publication:
        /// a topic a feed publishes to needs a token naming it exactly, any
        /// other a token whose publish claim covers it, or none with [auth]
        /// publish = open.
    void requirePublisher(const HttpRequest& request);
        /// 429, or 401 when publishing needs a token and the header brings
        /// none or an invalid one.

    std::optional<Poco::Timestamp> authorizeSubscribe(const HttpRequest& request,
                                                      const std::vector<std::string>& topics);
        /// Throws AuthRefusal unless the request may subscribe to every topic.
        /// Topics that are not private need no token (and one sent is not
        /// looked at). Returns when the token stops being valid, if one was needed:
        /// the subscription must end then.

    void checkNotBlocked(const HttpRequest& request);
        /// Throws AuthRefusal 429 if the client's address is refused.
    void refused(const std::string& address, const std::string& what);
        /// Counts a refusal a feed's own route answered (401, 403) to the
        /// request from address described by describe().
    static std::string describe(const HttpRequest& request);
        /// Method and target, any token redacted: for the log.

    bool isPrivate(const std::string& topic) const
    {
        return _privateTopics.matches(topic) || _feedPrivateTopics.isClaimed(topic);
    }
    FeedTopics& feedTopics() { return _feedTopics; }
        /// The topics feeds publish to.
    FeedTopics& feedPrivateTopics() { return _feedPrivateTopics; }
        /// The topics feeds made private (FeedContext::makePrivate()).
    const CorsPolicy& cors() const { return _cors; }

    static const std::string COOKIE;
        /// "feedhub_token"

private:
    TokenCache::ClaimsPtr claimsOf(const std::string& token, const HttpRequest& request);
    std::string subscriberToken(const HttpRequest& request) const;
    [[noreturn]] void refuse(const HttpRequest& request, const AuthRefusal& refusal);

    AuthSettings _settings;
    TopicPatterns _privateTopics;
    TokenVerifier _verifier;
    TokenCache _cache;
    FailureLimiter _failures;
    FeedTopics _feedTopics;
    FeedTopics _feedPrivateTopics;
    CorsPolicy _cors;
};

} // namespace feedhub

#endif // feedhub_Authorizer_INCLUDED
