//
// PrivateTopicsTest.cpp
//

#include "HttpCall.h"
#include "Poco/Thread.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "TestTokens.h"
#include <cppunit/extensions/HelperMacros.h>

namespace
{

TestDaemon::Settings privateSettings()
{
    return {
        {"auth.secret", TestTokens::SECRET}, {"auth.private_topics", "private.*"}, {"log.level", "trace"}};
}

std::string publishPrivate(Poco::UInt16 port, const std::string& topic, const std::string& data)
{
    const HttpCall::Result result = HttpCall::post(
        port, "/publish", "{\"topic\":\"" + topic + "\",\"data\":\"" + data + "\"}", "application/json",
        {{"Authorization", "Bearer " + TestTokens::token({"private.*"}, {})}});
    CPPUNIT_ASSERT_EQUAL(201, result.status);
    return result.body;
}

} // namespace

class PrivateTopicsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PrivateTopicsTest);
    CPPUNIT_TEST(testAnonymousSseRefused);
    CPPUNIT_TEST(testAnonymousPollRefused);
    CPPUNIT_TEST(testSseServedWithHeaderCookieAndQuery);
    CPPUNIT_TEST(testPollServedWithToken);
    CPPUNIT_TEST(testTokenWithoutSubscribeClaimIs403);
    CPPUNIT_TEST(testPublicTopicsStayOpen);
    CPPUNIT_TEST(testStreamClosedWhenTokenExpires);
    CPPUNIT_TEST(testTokenNeverInTheLog);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnonymousSseRefused()
    {
        TestDaemon hub(privateSettings());
        SseClient client(hub.port(), "/events?topic=news&topic=private.a");
        CPPUNIT_ASSERT_EQUAL(401, client.status());
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer realm=\"feedhub\""),
                             client.response().get("WWW-Authenticate"));
        CPPUNIT_ASSERT(client.readBody().find("needs a token") != std::string::npos);
    }

    void testAnonymousPollRefused()
    {
        TestDaemon hub(privateSettings());
        PollClient client(hub.port());
        CPPUNIT_ASSERT_EQUAL(401, client.get("/poll?topic=private.a&timeout=1").status);
    }

    void testSseServedWithHeaderCookieAndQuery()
    {
        TestDaemon hub(privateSettings());
        const std::string token = TestTokens::token({}, {"private.*"});
        SseClient header(hub.port(), "/events?topic=private.a", {{"Authorization", "Bearer " + token}});
        SseClient cookie(hub.port(), "/events?topic=private.a",
                         {{"Cookie", "theme=dark; feedhub_token=" + token}});
        SseClient query(hub.port(), "/events?topic=private.a&token=" + token);
        for (SseClient* client : {&header, &cookie, &query})
            CPPUNIT_ASSERT_EQUAL(200, client->status());
        publishPrivate(hub.port(), "private.a", "for holders");
        for (SseClient* client : {&header, &cookie, &query})
            CPPUNIT_ASSERT_EQUAL(std::string("for holders"), client->expect().data);
    }

    void testPollServedWithToken()
    {
        TestDaemon hub(privateSettings());
        publishPrivate(hub.port(), "private.a", "held");
        PollClient client(hub.port());
        const PollClient::Response response =
            client.get("/poll?topic=private.a&since=0&timeout=1",
                       {{"Authorization", "Bearer " + TestTokens::token({}, {"private.a"})}});
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), response.eventIds().size());
        PollClient byQuery(hub.port());
        CPPUNIT_ASSERT_EQUAL(
            200, byQuery.get("/poll?topic=private.a&since=0&token=" + TestTokens::token({}, {"private.*"}))
                     .status);
    }

    void testTokenWithoutSubscribeClaimIs403()
    {
        TestDaemon hub(privateSettings());
        SseClient client(hub.port(), "/events?topic=private.b",
                         {{"Authorization", "Bearer " + TestTokens::token({"*"}, {"private.a"})}});
        CPPUNIT_ASSERT_EQUAL(403, client.status());
        SseClient expired(hub.port(), "/events?topic=private.a&token=" + TestTokens::token({}, {"*"}, -3600));
        CPPUNIT_ASSERT_EQUAL(401, expired.status());
        CPPUNIT_ASSERT(expired.readBody().find("expired") != std::string::npos);
    }

    void testPublicTopicsStayOpen()
    {
        TestDaemon hub(privateSettings());
        SseClient client(hub.port(), "/events?topic=news");
        CPPUNIT_ASSERT_EQUAL(200, client.status());
    }

    void testStreamClosedWhenTokenExpires()
    {
        // No leeway, and a token valid for two more seconds: the hub ends the
        // stream then; reconnecting with the same token is refused, with a fresh one served.
        TestDaemon::Settings settings = privateSettings();
        settings["auth.leeway_seconds"] = "0";
        TestDaemon hub(settings);
        const std::string shortLived = TestTokens::token({}, {"private.*"}, 2);
        SseClient client(hub.port(), "/events?topic=private.a&token=" + shortLived);
        CPPUNIT_ASSERT_EQUAL(200, client.status());
        // The generous bound is for a loaded machine: the hub closes at expiry.
        CPPUNIT_ASSERT(client.waitForClose(30000));
        SseClient again(hub.port(), "/events?topic=private.a&token=" + shortLived);
        CPPUNIT_ASSERT_EQUAL(401, again.status());
        SseClient fresh(hub.port(), "/events?topic=private.a&token=" + TestTokens::token({}, {"private.*"}));
        CPPUNIT_ASSERT_EQUAL(200, fresh.status());
    }

    void testTokenNeverInTheLog()
    {
        TestDaemon::Settings settings = privateSettings();
        settings["auth.max_failures_per_minute"] = "1";
        TestDaemon hub(settings);
        const std::string good = TestTokens::token({"private.*"}, {"private.*"});
        const std::string bad = TestTokens::token({"x"}, {"x"});
        SseClient byQuery(hub.port(), "/events?topic=private.a&token=" + good);
        SseClient byCookie(hub.port(), "/events?topic=private.a", {{"Cookie", "feedhub_token=" + good}});
        publishPrivate(hub.port(), "private.a", "x");
        for (int i = 0; i < 3; ++i)
            SseClient(hub.port(), "/events?topic=private.a&token=" + bad).status();
        CPPUNIT_ASSERT(hub.waitForLog("token=[redacted]", 3000));
        hub.stop();
        const std::string log = hub.log();
        for (const std::string& token : {good, bad})
        {
            CPPUNIT_ASSERT(log.find(token) == std::string::npos);
            CPPUNIT_ASSERT(log.find(token.substr(token.rfind('.') + 1)) == std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PrivateTopicsTest);
