//
// Authorizer.cpp
//

#include "auth/Authorizer.h"
#include "Poco/Net/NameValueCollection.h"
#include "auth/AuthRefusal.h"
#include "auth/TokenRedaction.h"

namespace feedhub
{

const std::string Authorizer::COOKIE = "feedhub_token";

Authorizer::Authorizer(const AuthSettings& settings, const std::string& corsOrigin)
    : _settings(settings), _privateTopics(settings.privateTopics), _verifier(settings),
      _cache(settings.tokenCacheEntries), _failures(settings.maxFailures, settings.blockTime),
      _cors(corsOrigin, settings.publishOrigins)
{
}

void Authorizer::checkNotBlocked(const HttpRequest& request)
{
    const Poco::Timespan left =
        _failures.blockedFor(request.clientAddress().host().toString(), Poco::Timestamp());
    if (left.totalMicroseconds() > 0)
        throw AuthRefusal::tooMany("too many refused requests from this address; retry later",
                                   static_cast<int>(left.totalSeconds()) + 1);
}

void Authorizer::refused(const std::string& address, const std::string& what)
{
    _failures.failed(address, what, Poco::Timestamp());
}

std::string Authorizer::describe(const HttpRequest& request)
{
    return request.method() + " " + TokenRedaction::target(request.target());
}

void Authorizer::refuse(const HttpRequest& request, const AuthRefusal& refusal)
{
    refused(request.clientAddress().host().toString(), describe(request));
    throw refusal;
}

TokenCache::ClaimsPtr Authorizer::claimsOf(const std::string& token, const HttpRequest& request)
{
    const Poco::Timestamp now;
    if (TokenCache::ClaimsPtr cached = _cache.find(token, now))
        return cached;
    try
    {
        auto claims = std::make_shared<const TokenClaims>(_verifier.verify(token, now));
        _cache.add(token, claims, now);
        return claims;
    }
    catch (const AuthRefusal& refusal)
    {
        refuse(request, refusal);
    }
}

void Authorizer::requirePublisher(const HttpRequest& request)
{
    checkNotBlocked(request);
    const std::string token = request.bearerToken();
    if (!token.empty())
        claimsOf(token, request);
    else if (!_settings.publishOpen)
        refuse(request,
               AuthRefusal::unauthorized("a token is required to publish: send Authorization: Bearer <token> "
                                         "(feedhubctl token mints one)"));
}

void Authorizer::authorizePublish(const HttpRequest& request, const std::vector<Publication>& publications)
{
    const std::string token = request.bearerToken();
    TokenCache::ClaimsPtr claims = token.empty() ? nullptr : claimsOf(token, request);
    for (const Publication& publication : publications)
    {
        const std::string& topic = publication.topic;
        if (_feedTopics.isClaimed(topic))
        {
            if (!claims)
                refuse(request,
                       AuthRefusal::unauthorized("topic '" + topic +
                                                 "' is a feed's: publishing to it needs a token naming it"));
            if (!claims->publish.namesExactly(topic))
                refuse(request, AuthRefusal::forbidden("topic '" + topic +
                                                       "' is a feed's: only a token naming it exactly, not a "
                                                       "pattern, may publish to it"));
        }
        else if (claims && !claims->publish.matches(topic))
            refuse(request, AuthRefusal::forbidden("the token may not publish to topic '" + topic + "'"));
        else if (!claims && !_settings.publishOpen)
            refuse(request, AuthRefusal::unauthorized("a token is required to publish"));
    }
}

std::optional<Poco::Timestamp> Authorizer::authorizeSubscribe(const HttpRequest& request,
                                                              const std::vector<std::string>& topics)
{
    bool needsToken = false;
    for (const std::string& topic : topics)
        needsToken = needsToken || isPrivate(topic);
    if (!needsToken)
        return std::nullopt;
    checkNotBlocked(request);
    const std::string token = subscriberToken(request);
    if (token.empty())
        refuse(request, AuthRefusal::unauthorized("a private topic needs a token: send Authorization: Bearer "
                                                  "<token>, the feedhub_token cookie or ?token="));
    TokenCache::ClaimsPtr claims = claimsOf(token, request);
    for (const std::string& topic : topics)
    {
        if (isPrivate(topic) && !claims->subscribe.matches(topic))
            refuse(request, AuthRefusal::forbidden("the token may not subscribe to topic '" + topic + "'"));
    }
    return claims->validUntil;
}

std::string Authorizer::subscriberToken(const HttpRequest& request) const
{
    std::string token = request.bearerToken();
    if (!token.empty())
        return token;
    Poco::Net::NameValueCollection cookies;
    request.head().getCookies(cookies);
    token = cookies.get(COOKIE, "");
    if (!token.empty())
        return token;
    return request.queryValue("token");
}

} // namespace feedhub
