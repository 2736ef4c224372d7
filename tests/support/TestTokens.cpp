//
// TestTokens.cpp
//

#include "TestTokens.h"
#include "Poco/Base64Encoder.h"
#include "Poco/HMACEngine.h"
#include "Poco/JSON/Array.h"
#include "Poco/SHA2Engine.h"
#include "Poco/Timestamp.h"
#include "feedhub/JsonText.h"
#include <sstream>

namespace
{

class SHA256 : public Poco::SHA2Engine
{
public:
    enum
    {
        BLOCK_SIZE = 64,
        DIGEST_SIZE = 32
    };

    SHA256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

Poco::JSON::Array::Ptr listOf(const std::vector<std::string>& items)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const std::string& item : items)
        list->add(item);
    return list;
}

} // namespace

const std::string TestTokens::SECRET = "test-secret-0123456789-0123456789-abcdef";

Poco::JSON::Object::Ptr TestTokens::payload(const std::vector<std::string>& publish,
                                            const std::vector<std::string>& subscribe, long expiresInSeconds)
{
    Poco::JSON::Object::Ptr claim = new Poco::JSON::Object;
    claim->set("publish", listOf(publish));
    claim->set("subscribe", listOf(subscribe));
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
    payload->set("feedhub", claim);
    payload->set("exp", Poco::Timestamp().epochTime() + expiresInSeconds);
    payload->set("sub", "test");
    return payload;
}

std::string TestTokens::hs256(const Poco::JSON::Object::Ptr& payload, const std::string& secret)
{
    const std::string header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    const std::string input = base64Url(header) + "." + base64Url(feedhub::JsonText::format(payload));
    return input + "." + hmac(input, secret);
}

std::string TestTokens::token(const std::vector<std::string>& publish,
                              const std::vector<std::string>& subscribe, long expiresInSeconds)
{
    return hs256(payload(publish, subscribe, expiresInSeconds));
}

std::string TestTokens::assemble(const std::string& headerJson, const std::string& payloadJson,
                                 const std::string& signature)
{
    return base64Url(headerJson) + "." + base64Url(payloadJson) + "." + signature;
}

std::string TestTokens::hmac(const std::string& signingInput, const std::string& key)
{
    Poco::HMACEngine<SHA256> engine(key);
    engine.update(signingInput);
    const Poco::DigestEngine::Digest& digest = engine.digest();
    return base64Url(std::string(digest.begin(), digest.end()));
}

std::string TestTokens::base64Url(const std::string& bytes)
{
    std::ostringstream out;
    {
        Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        encoder.rdbuf()->setLineLength(0);
        encoder << bytes;
    }
    return out.str();
}
