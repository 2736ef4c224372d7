//
// TokenVerifier.cpp
//

#include "auth/TokenVerifier.h"
#include "Poco/Base64Encoder.h"
#include "Poco/Crypto/ECKey.h"
#include "Poco/Crypto/RSAKey.h"
#include "Poco/HMACEngine.h"
#include "Poco/JSON/Array.h"
#include "Poco/JWT/Token.h"
#include "Poco/SHA2Engine.h"
#include "auth/AuthRefusal.h"
#include "auth/ConstantTime.h"
#include <optional>
#include <sstream>

namespace feedhub
{

namespace
{

class SHA256 : public Poco::SHA2Engine
    /// The HMAC engine wants a default-constructible digest with BLOCK_SIZE.
{
public:
    enum
    {
        BLOCK_SIZE = 64,
        DIGEST_SIZE = 32
    };

    SHA256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

TopicPatterns patternsOf(const Poco::JSON::Object& claim, const std::string& name)
{
    if (!claim.has(name))
        return TopicPatterns();
    Poco::JSON::Array::Ptr list = claim.getArray(name);
    if (!list)
        throw AuthRefusal::unauthorized("the token's feedhub." + name +
                                        " claim must be a list of topic patterns");
    std::vector<std::string> patterns;
    for (const Poco::Dynamic::Var& item : *list)
    {
        if (!item.isString() || !TopicPatterns::isPattern(item.extract<std::string>()))
            throw AuthRefusal::unauthorized("the token's feedhub." + name +
                                            " claim holds something that is not a topic pattern");
        patterns.push_back(item.extract<std::string>());
    }
    return TopicPatterns(std::move(patterns));
}

std::optional<double> numericDate(const Poco::JSON::Object& payload, const std::string& name)
{
    if (!payload.has(name))
        return std::nullopt;
    const Poco::Dynamic::Var value = payload.get(name);
    if (!value.isNumeric())
        throw AuthRefusal::unauthorized("the token's " + name + " claim is not a number of seconds");
    return value.convert<double>();
}

bool audienceHolds(const Poco::JSON::Object& payload, const std::string& audience)
{
    if (!payload.has("aud"))
        return false;
    const Poco::Dynamic::Var value = payload.get("aud");
    if (value.isString())
        return value.extract<std::string>() == audience;
    Poco::JSON::Array::Ptr list = payload.getArray("aud");
    if (!list)
        return false;
    for (const Poco::Dynamic::Var& item : *list)
    {
        if (item.isString() && item.extract<std::string>() == audience)
            return true;
    }
    return false;
}

} // namespace

TokenVerifier::TokenVerifier(const AuthSettings& settings) : _settings(settings)
{
    if (_settings.algorithm == "HS256")
        return;
    _signer = std::make_unique<Poco::JWT::Signer>();
    _signer->setAlgorithms({_settings.algorithm});
    try
    {
        if (_settings.algorithm == "RS256")
            _signer->setRSAKey(new Poco::Crypto::RSAKey(_settings.publicKeyFile));
        else
            _signer->setECKey(new Poco::Crypto::ECKey(_settings.publicKeyFile, ""));
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::InvalidArgumentException("auth.public_key_file: cannot read " + _settings.publicKeyFile +
                                             " as a " + _settings.algorithm +
                                             " public key: " + exc.displayText());
    }
}

bool TokenVerifier::signatureHolds(const std::string& token) const
{
    if (_signer)
    {
        Poco::JWT::Token verified;
        return _signer->tryVerify(token, verified);
    }
    // HS256 by hand, so that the signature is compared in constant time.
    const std::size_t lastDot = token.rfind('.');
    Poco::HMACEngine<SHA256> hmac(_settings.secret);
    hmac.update(token.data(), lastDot);
    const Poco::DigestEngine::Digest& digest = hmac.digest();
    std::ostringstream expected;
    {
        Poco::Base64Encoder encoder(expected, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        encoder.write(reinterpret_cast<const char*>(digest.data()),
                      static_cast<std::streamsize>(digest.size()));
    }
    return ConstantTime::equals(token.substr(lastDot + 1), expected.str());
}

TokenClaims TokenVerifier::verify(const std::string& token, const Poco::Timestamp& now) const
{
    if (token.size() > MAX_TOKEN_BYTES)
        throw AuthRefusal::unauthorized("the token is larger than 8192 bytes");
    Poco::JWT::Token parsed;
    try
    {
        parsed = token;
    }
    catch (const Poco::Exception&)
    {
        throw AuthRefusal::unauthorized("the token is malformed: it is not a JWT (header.payload.signature)");
    }
    const std::string algorithm = parsed.getAlgorithm();
    if (algorithm != _settings.algorithm)
        throw AuthRefusal::unauthorized("the token is signed with '" + algorithm + "'; this hub accepts " +
                                        _settings.algorithm + " only");
    if (_settings.algorithm == "HS256" && _settings.secret.empty())
        throw AuthRefusal::unauthorized("the token's signature is not valid: this hub has no [auth] secret");
    if (!signatureHolds(token))
        throw AuthRefusal::unauthorized("the token's signature is not valid");

    const Poco::JSON::Object& payload = parsed.payload();
    const std::optional<double> expiry = numericDate(payload, "exp");
    if (!expiry)
        throw AuthRefusal::unauthorized("the token has no exp claim: tokens must expire");
    const double seconds = static_cast<double>(now.epochMicroseconds()) / 1e6;
    const double leeway = static_cast<double>(_settings.leeway.totalSeconds());
    if (seconds > *expiry + leeway)
        throw AuthRefusal::unauthorized("the token has expired");
    const std::optional<double> notBefore = numericDate(payload, "nbf");
    if (notBefore && seconds + leeway < *notBefore)
        throw AuthRefusal::unauthorized("the token is not valid yet (nbf)");
    if (!_settings.issuer.empty() && !(payload.has("iss") && payload.get("iss").isString() &&
                                       payload.getValue<std::string>("iss") == _settings.issuer))
        throw AuthRefusal::unauthorized("the token's issuer (iss) is not the one this hub accepts");
    if (!_settings.audience.empty() && !audienceHolds(payload, _settings.audience))
        throw AuthRefusal::unauthorized("the token's audience (aud) does not include this hub");

    TokenClaims claims;
    if (payload.has("feedhub"))
    {
        Poco::JSON::Object::Ptr claim = payload.getObject("feedhub");
        if (!claim)
            throw AuthRefusal::unauthorized("the token's feedhub claim must be an object");
        claims.publish = patternsOf(*claim, "publish");
        claims.subscribe = patternsOf(*claim, "subscribe");
    }
    if (payload.has("sub") && payload.get("sub").isString())
        claims.subject = payload.getValue<std::string>("sub");
    claims.validUntil = Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>((*expiry + leeway) * 1e6));
    return claims;
}

} // namespace feedhub
