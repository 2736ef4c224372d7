//
// AuthorizerTest.cpp
//

#include "auth/Authorizer.h"
#include "TestTokens.h"
#include <cppunit/extensions/HelperMacros.h>
#include <map>

using feedhub::Authorizer;
using feedhub::AuthRefusal;
using feedhub::AuthSettings;
using feedhub::HttpRequest;
using feedhub::Publication;

namespace
{

HttpRequest request(const std::string& target, const std::map<std::string, std::string>& headers = {},
                    const std::string& address = "10.0.0.1")
{
    Poco::Net::HTTPRequest head("GET", target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        head.set(name, value);
    HttpRequest built;
    built.assign(head, std::string(), Poco::Net::SocketAddress(address, 40000));
    return built;
}

std::map<std::string, std::string> bearer(const std::string& token)
{
    return {{"Authorization", "Bearer " + token}};
}

AuthSettings settings(bool open = false)
{
    AuthSettings s;
    s.secret = TestTokens::SECRET;
    s.publishOpen = open;
    s.privateTopics = {"private.*", "secret"};
    return s;
}

template <typename Call> int statusOf(Call call)
{
    try
    {
        call();
    }
    catch (const AuthRefusal& refusal)
    {
        return static_cast<int>(refusal.status());
    }
    return 200;
}

std::vector<Publication> to(const std::vector<std::string>& topics)
{
    std::vector<Publication> publications;
    for (const std::string& topic : topics)
        publications.push_back(Publication{topic, "message", "x"});
    return publications;
}

} // namespace

class AuthorizerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AuthorizerTest);
    CPPUNIT_TEST(testPublishNeedsTokenByDefault);
    CPPUNIT_TEST(testPublishWithinAndOutsideClaims);
    CPPUNIT_TEST(testOpenPublishingStillChecksASentToken);
    CPPUNIT_TEST(testFeedTopicNeedsExactName);
    CPPUNIT_TEST(testCookieNeverAuthorizesPublishing);
    CPPUNIT_TEST(testPublicTopicsNeedNoToken);
    CPPUNIT_TEST(testPrivateTopicTokenSources);
    CPPUNIT_TEST(testPrivateTopicOutsideClaims);
    CPPUNIT_TEST(testRepeatedFailuresAnswered429);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPublishNeedsTokenByDefault()
    {
        Authorizer authorizer(settings(), "*");
        CPPUNIT_ASSERT_EQUAL(401, statusOf([&] { authorizer.requirePublisher(request("/publish")); }));
        CPPUNIT_ASSERT_EQUAL(
            401, statusOf([&] { authorizer.authorizePublish(request("/publish"), to({"news"})); }));
        CPPUNIT_ASSERT_EQUAL(
            401, statusOf([&] { authorizer.requirePublisher(request("/publish", bearer("x.y.z"))); }));
    }

    void testPublishWithinAndOutsideClaims()
    {
        Authorizer authorizer(settings(), "*");
        const HttpRequest publisher = request("/publish", bearer(TestTokens::token({"news", "chat.*"}, {})));
        CPPUNIT_ASSERT_EQUAL(200, statusOf([&] { authorizer.requirePublisher(publisher); }));
        CPPUNIT_ASSERT_EQUAL(200, statusOf([&] {
                                 authorizer.authorizePublish(publisher, to({"news", "chat.1"}));
                             }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] {
                                 authorizer.authorizePublish(publisher, to({"news", "alerts"}));
                             }));
    }

    void testOpenPublishingStillChecksASentToken()
    {
        Authorizer authorizer(settings(true), "*");
        CPPUNIT_ASSERT_EQUAL(
            200, statusOf([&] { authorizer.authorizePublish(request("/publish"), to({"news"})); }));
        const HttpRequest wrong = request("/publish", bearer(TestTokens::token({"other"}, {})));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { authorizer.authorizePublish(wrong, to({"news"})); }));
        const HttpRequest forged = request("/publish", bearer(TestTokens::token({"*"}, {}, -3600)));
        CPPUNIT_ASSERT_EQUAL(401, statusOf([&] { authorizer.requirePublisher(forged); }));
    }

    void testFeedTopicNeedsExactName()
    {
        Authorizer authorizer(settings(true), "*");
        authorizer.feedTopics().claim("tasks");
        CPPUNIT_ASSERT_EQUAL(
            401, statusOf([&] { authorizer.authorizePublish(request("/publish"), to({"tasks"})); }));
        const HttpRequest broad = request("/publish", bearer(TestTokens::token({"*", "task*"}, {})));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { authorizer.authorizePublish(broad, to({"tasks"})); }));
        const HttpRequest exact = request("/publish", bearer(TestTokens::token({"tasks"}, {})));
        CPPUNIT_ASSERT_EQUAL(200, statusOf([&] { authorizer.authorizePublish(exact, to({"tasks"})); }));
        authorizer.feedTopics().release("tasks");
        CPPUNIT_ASSERT_EQUAL(200, statusOf([&] { authorizer.authorizePublish(broad, to({"tasks"})); }));
    }

    void testCookieNeverAuthorizesPublishing()
    {
        Authorizer authorizer(settings(), "*");
        const std::string token = TestTokens::token({"*"}, {"*"});
        const HttpRequest withCookie =
            request("/publish?token=" + token, {{"Cookie", "feedhub_token=" + token}});
        CPPUNIT_ASSERT_EQUAL(401, statusOf([&] { authorizer.requirePublisher(withCookie); }));
        CPPUNIT_ASSERT_EQUAL(401, statusOf([&] { authorizer.authorizePublish(withCookie, to({"news"})); }));
    }

    void testPublicTopicsNeedNoToken()
    {
        Authorizer authorizer(settings(), "*");
        CPPUNIT_ASSERT(!authorizer.authorizeSubscribe(request("/events?topic=news"), {"news"}));
        // A token sent for a public topic is not looked at, even a bad one.
        CPPUNIT_ASSERT(!authorizer.authorizeSubscribe(request("/events", bearer("junk")), {"news"}));
    }

    void testPrivateTopicTokenSources()
    {
        Authorizer authorizer(settings(), "*");
        CPPUNIT_ASSERT_EQUAL(401, statusOf([&] {
                                 authorizer.authorizeSubscribe(request("/events"), {"news", "secret"});
                             }));
        const std::string token = TestTokens::token({}, {"private.*", "secret"});
        for (const HttpRequest& subscriber : {request("/events", bearer(token)),
                                              request("/events", {{"Cookie", "a=b; feedhub_token=" + token}}),
                                              request("/events?topic=secret&token=" + token)})
        {
            const std::optional<Poco::Timestamp> until =
                authorizer.authorizeSubscribe(subscriber, {"secret", "private.x"});
            CPPUNIT_ASSERT(until && *until > Poco::Timestamp());
        }
    }

    void testPrivateTopicOutsideClaims()
    {
        Authorizer authorizer(settings(), "*");
        const HttpRequest subscriber = request("/events", bearer(TestTokens::token({"*"}, {"private.a"})));
        CPPUNIT_ASSERT_EQUAL(200,
                             statusOf([&] { authorizer.authorizeSubscribe(subscriber, {"private.a"}); }));
        CPPUNIT_ASSERT_EQUAL(403,
                             statusOf([&] { authorizer.authorizeSubscribe(subscriber, {"private.b"}); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { authorizer.authorizeSubscribe(subscriber, {"secret"}); }));
    }

    void testRepeatedFailuresAnswered429()
    {
        Authorizer authorizer(settings(), "*");
        const HttpRequest bad = request("/publish", bearer("bad"), "10.0.0.9");
        for (int i = 0; i < 21; ++i)
            CPPUNIT_ASSERT_EQUAL(401, statusOf([&] { authorizer.requirePublisher(bad); }));
        const HttpRequest good = request("/publish", bearer(TestTokens::token({"*"}, {})), "10.0.0.9");
        CPPUNIT_ASSERT_EQUAL(429, statusOf([&] { authorizer.requirePublisher(good); }));
        // Another address is not affected.
        const HttpRequest elsewhere = request("/publish", bearer(TestTokens::token({"*"}, {})), "10.0.0.10");
        CPPUNIT_ASSERT_EQUAL(200, statusOf([&] { authorizer.requirePublisher(elsewhere); }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthorizerTest);
