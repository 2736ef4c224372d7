//
// TokenVerifierTest.cpp
//

#include "auth/TokenVerifier.h"
#include "Poco/Crypto/ECKey.h"
#include "Poco/Crypto/RSAKey.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/StreamCopier.h"
#include "TestDaemon.h"
#include "TestTokens.h"
#include "auth/AuthRefusal.h"
#include "auth/TokenMinter.h"
#include "feedhub/JsonText.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::AuthRefusal;
using feedhub::AuthSettings;
using feedhub::TokenClaims;
using feedhub::TokenVerifier;

namespace
{

AuthSettings hs256Settings()
{
    AuthSettings settings;
    settings.secret = TestTokens::SECRET;
    return settings;
}

std::string refusal(const TokenVerifier& verifier, const std::string& token, int expectedStatus = 401)
{
    try
    {
        verifier.verify(token, Poco::Timestamp());
    }
    catch (const AuthRefusal& refused)
    {
        CPPUNIT_ASSERT_EQUAL(expectedStatus, static_cast<int>(refused.status()));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer realm=\"feedhub\""),
                             refused.response().headers().get("WWW-Authenticate"));
        return refused.what();
    }
    CPPUNIT_FAIL("the token was accepted: " + token);
    return std::string();
}

void assertMentions(const std::string& text, const std::string& part)
{
    CPPUNIT_ASSERT_MESSAGE("'" + text + "' should mention '" + part + "'",
                           text.find(part) != std::string::npos);
}

std::string readFile(const std::string& path)
{
    Poco::FileInputStream in(path);
    std::string text;
    Poco::StreamCopier::copyToString(in, text);
    return text;
}

} // namespace

class TokenVerifierTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TokenVerifierTest);
    CPPUNIT_TEST(testValidTokenGivesItsClaims);
    CPPUNIT_TEST(testBadSignatureRefused);
    CPPUNIT_TEST(testTamperedPayloadRefused);
    CPPUNIT_TEST(testAlgNoneRefused);
    CPPUNIT_TEST(testOtherAlgorithmRefused);
    CPPUNIT_TEST(testHs256SignedWithRsaPublicKeyRefused);
    CPPUNIT_TEST(testRs256AndEs256Accepted);
    CPPUNIT_TEST(testExpiredRefusedPastTheLeeway);
    CPPUNIT_TEST(testMissingExpRefused);
    CPPUNIT_TEST(testNotYetValidRefused);
    CPPUNIT_TEST(testWrongIssuerAndAudienceRefused);
    CPPUNIT_TEST(testGarbageRefused);
    CPPUNIT_TEST(testHugeTokenRefused);
    CPPUNIT_TEST(testMalformedClaimRefused);
    CPPUNIT_TEST(testNoSecretAcceptsNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }
    void tearDown() override { Poco::File(_dir).remove(true); }

    void testValidTokenGivesItsClaims()
    {
        const TokenVerifier verifier(hs256Settings());
        const TokenClaims claims =
            verifier.verify(TestTokens::token({"news", "chat.*"}, {"private.*"}), Poco::Timestamp());
        CPPUNIT_ASSERT(claims.publish.matches("chat.x"));
        CPPUNIT_ASSERT(claims.publish.matches("news"));
        CPPUNIT_ASSERT(!claims.publish.matches("alerts"));
        CPPUNIT_ASSERT(claims.subscribe.matches("private.a"));
        CPPUNIT_ASSERT_EQUAL(std::string("test"), claims.subject);
        CPPUNIT_ASSERT(claims.validUntil > Poco::Timestamp() + Poco::Timespan(600, 0).totalMicroseconds());
    }

    void testBadSignatureRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        const std::string other =
            TestTokens::hs256(TestTokens::payload({"*"}, {}, 600), "another-secret-0123456789-0123456789");
        assertMentions(refusal(verifier, other), "signature is not valid");
    }

    void testTamperedPayloadRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        const std::string token = TestTokens::token({"news"}, {});
        const std::string forged =
            TestTokens::assemble("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                                 feedhub::JsonText::format(TestTokens::payload({"*"}, {}, 600)),
                                 token.substr(token.rfind('.') + 1));
        assertMentions(refusal(verifier, forged), "signature is not valid");
    }

    void testAlgNoneRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        const std::string payload = feedhub::JsonText::format(TestTokens::payload({"*"}, {}, 600));
        assertMentions(
            refusal(verifier, TestTokens::assemble("{\"alg\":\"none\",\"typ\":\"JWT\"}", payload, "")),
            "'none'");
        assertMentions(refusal(verifier, TestTokens::assemble("{\"alg\":\"None\"}", payload, "")),
                       "HS256 only");
        assertMentions(refusal(verifier, TestTokens::assemble("{\"typ\":\"JWT\"}", payload, "")),
                       "HS256 only");
    }

    void testOtherAlgorithmRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        const std::string payload = feedhub::JsonText::format(TestTokens::payload({"*"}, {}, 600));
        const std::string input =
            TestTokens::base64Url("{\"alg\":\"HS512\"}") + "." + TestTokens::base64Url(payload);
        assertMentions(refusal(verifier, input + "." + TestTokens::hmac(input, TestTokens::SECRET)),
                       "HS256 only");
    }

    void testHs256SignedWithRsaPublicKeyRefused()
    {
        // The classic confusion: the attacker knows the public key and signs
        // HS256 with it; a hub pinned to RS256 must not verify it as an HMAC.
        Poco::Crypto::RSAKey key(Poco::Crypto::RSAKey::KL_2048, Poco::Crypto::RSAKey::EXP_LARGE);
        key.save(_dir + "/public.pem", _dir + "/private.pem");
        AuthSettings settings;
        settings.algorithm = "RS256";
        settings.publicKeyFile = _dir + "/public.pem";
        const TokenVerifier verifier(settings);
        const std::string confused =
            TestTokens::hs256(TestTokens::payload({"*"}, {}, 600), readFile(settings.publicKeyFile));
        assertMentions(refusal(verifier, confused), "RS256 only");
    }

    void testRs256AndEs256Accepted()
    {
        Poco::Crypto::RSAKey rsa(Poco::Crypto::RSAKey::KL_2048, Poco::Crypto::RSAKey::EXP_LARGE);
        rsa.save(_dir + "/rsa-public.pem", _dir + "/rsa-private.pem");
        Poco::Crypto::ECKey ec("prime256v1");
        ec.save(_dir + "/ec-public.pem", _dir + "/ec-private.pem");
        for (const auto& [algorithm, name] :
             {std::pair<std::string, std::string>{"RS256", "rsa"}, {"ES256", "ec"}})
        {
            AuthSettings settings;
            settings.algorithm = algorithm;
            settings.publicKeyFile = _dir + "/" + name + "-public.pem";
            feedhub::TokenMinter::Request request;
            request.publish = {"news"};
            request.privateKeyFile = _dir + "/" + name + "-private.pem";
            const std::string token = feedhub::TokenMinter::mint(settings, request);
            const TokenVerifier verifier(settings);
            CPPUNIT_ASSERT(verifier.verify(token, Poco::Timestamp()).publish.matches("news"));
            // One byte of the signature changed.
            std::string broken = token;
            broken[broken.size() - 3] = broken[broken.size() - 3] == 'A' ? 'B' : 'A';
            assertMentions(refusal(verifier, broken), "signature is not valid");
        }
    }

    void testExpiredRefusedPastTheLeeway()
    {
        const TokenVerifier verifier(hs256Settings());
        assertMentions(refusal(verifier, TestTokens::token({"*"}, {}, -31)), "expired");
        CPPUNIT_ASSERT_NO_THROW(verifier.verify(TestTokens::token({"*"}, {}, -20), Poco::Timestamp()));
    }

    void testMissingExpRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        Poco::JSON::Object::Ptr payload = TestTokens::payload({"*"}, {}, 600);
        payload->remove("exp");
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "no exp");
        payload->set("exp", "tomorrow");
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "exp claim is not a number");
    }

    void testNotYetValidRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        Poco::JSON::Object::Ptr payload = TestTokens::payload({"*"}, {}, 600);
        payload->set("nbf", Poco::Timestamp().epochTime() + 300);
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "not valid yet");
        payload->set("nbf", Poco::Timestamp().epochTime() + 10);
        CPPUNIT_ASSERT_NO_THROW(verifier.verify(TestTokens::hs256(payload), Poco::Timestamp()));
    }

    void testWrongIssuerAndAudienceRefused()
    {
        AuthSettings settings = hs256Settings();
        settings.issuer = "https://issuer.example";
        settings.audience = "feedhub";
        const TokenVerifier verifier(settings);
        Poco::JSON::Object::Ptr payload = TestTokens::payload({"*"}, {}, 600);
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "issuer");
        payload->set("iss", "https://other.example");
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "issuer");
        payload->set("iss", "https://issuer.example");
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "audience");
        payload->set("aud", "someone-else");
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "audience");
        Poco::JSON::Array::Ptr audiences = new Poco::JSON::Array;
        audiences->add("someone-else");
        audiences->add("feedhub");
        payload->set("aud", audiences);
        CPPUNIT_ASSERT_NO_THROW(verifier.verify(TestTokens::hs256(payload), Poco::Timestamp()));
    }

    void testGarbageRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        for (const std::string& garbage :
             {std::string("abc"), std::string("a.b.c"), std::string(".."), std::string("x.y"),
              TestTokens::base64Url("{") + ".e30.x", std::string("\xff\xfe.\x01.\x02")})
            assertMentions(refusal(verifier, garbage), "malformed");
    }

    void testHugeTokenRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        const std::string huge = TestTokens::token({std::string(6000, 'a').substr(0, 128)}, {}, 600) +
                                 std::string(TokenVerifier::MAX_TOKEN_BYTES, 'A');
        assertMentions(refusal(verifier, huge), "larger than");
    }

    void testMalformedClaimRefused()
    {
        const TokenVerifier verifier(hs256Settings());
        Poco::JSON::Object::Ptr payload = TestTokens::payload({"*"}, {}, 600);
        Poco::JSON::Object::Ptr claim = new Poco::JSON::Object;
        claim->set("publish", "*");
        payload->set("feedhub", claim);
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "feedhub.publish");
        payload->set("feedhub", "everything");
        assertMentions(refusal(verifier, TestTokens::hs256(payload)), "feedhub claim");
    }

    void testNoSecretAcceptsNothing()
    {
        const TokenVerifier verifier{AuthSettings()};
        assertMentions(refusal(verifier, TestTokens::hs256(TestTokens::payload({"*"}, {}, 600), "")),
                       "no [auth] secret");
    }

private:
    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(TokenVerifierTest);
