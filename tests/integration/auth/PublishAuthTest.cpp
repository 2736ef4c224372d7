//
// PublishAuthTest.cpp
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/File.h"
#include "RawExchange.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "TestTokens.h"
#include <cppunit/extensions/HelperMacros.h>

namespace
{

// publish = token, the default, as the packaged hub has it.
TestDaemon::Settings tokenSettings()
{
    return {{"auth.publish", "token"}, {"auth.secret", TestTokens::SECRET}};
}

HttpCall::Headers bearer(const std::string& token)
{
    return {{"Authorization", "Bearer " + token}};
}

std::string event(const std::string& topic, const std::string& type = "message")
{
    return "{\"topic\":\"" + topic + "\",\"type\":\"" + type + "\",\"data\":\"x\"}";
}

} // namespace

class PublishAuthTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PublishAuthTest);
    CPPUNIT_TEST(testPublishWithoutTokenIs401);
    CPPUNIT_TEST(testPublishWithValidTokenIs201AndDelivered);
    CPPUNIT_TEST(testPublishOutsideClaimsIs403);
    CPPUNIT_TEST(testBadTokensAre401SayingWhy);
    CPPUNIT_TEST(testFeedTopicRefusedToStarToken);
    CPPUNIT_TEST(testCrossOriginFormPostRefused);
    CPPUNIT_TEST(testListedOriginMayPublish);
    CPPUNIT_TEST(testRepeatedFailuresAre429AndLoggedOnce);
    CPPUNIT_TEST(testFeedRoutesWithTokens);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPublishWithoutTokenIs401()
    {
        TestDaemon hub(tokenSettings());
        const HttpCall::Result result = HttpCall::post(hub.port(), "/publish", event("news"));
        CPPUNIT_ASSERT_EQUAL(401, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer realm=\"feedhub\""),
                             result.response.get("WWW-Authenticate"));
        CPPUNIT_ASSERT(result.jsonString("error").find("token is required") != std::string::npos);
        // Nor as a form, nor raw.
        CPPUNIT_ASSERT_EQUAL(401, HttpCall::post(hub.port(), "/publish", "topic=news&data=x",
                                                 "application/x-www-form-urlencoded")
                                      .status);
        CPPUNIT_ASSERT_EQUAL(401,
                             HttpCall::post(hub.port(), "/publish?topic=news", "x", "text/plain").status);
    }

    void testPublishWithValidTokenIs201AndDelivered()
    {
        TestDaemon hub(tokenSettings());
        SseClient subscriber(hub.port(), "/events?topic=news");
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish", event("news"), "application/json",
                           bearer(TestTokens::token({"news"}, {})));
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("x"), subscriber.expect().data);
    }

    void testPublishOutsideClaimsIs403()
    {
        TestDaemon hub(tokenSettings());
        const std::string token = TestTokens::token({"chat.*"}, {});
        CPPUNIT_ASSERT_EQUAL(
            201, HttpCall::post(hub.port(), "/publish", event("chat.room"), "application/json", bearer(token))
                     .status);
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish", "[" + event("chat.room") + "," + event("news") + "]",
                           "application/json", bearer(token));
        CPPUNIT_ASSERT_EQUAL(403, result.status);
        CPPUNIT_ASSERT(result.jsonString("error").find("'news'") != std::string::npos);
    }

    void testBadTokensAre401SayingWhy()
    {
        TestDaemon hub(tokenSettings());
        const std::map<std::string, std::string> cases = {
            {TestTokens::token({"*"}, {}, -3600), "expired"},
            {TestTokens::hs256(TestTokens::payload({"*"}, {}, 600), "wrong-secret-0123456789-0123456789"),
             "signature"},
            {"garbage", "malformed"},
        };
        for (const auto& [token, why] : cases)
        {
            const HttpCall::Result result =
                HttpCall::post(hub.port(), "/publish", event("news"), "application/json", bearer(token));
            CPPUNIT_ASSERT_EQUAL(401, result.status);
            CPPUNIT_ASSERT_MESSAGE(result.body, result.jsonString("error").find(why) != std::string::npos);
        }
    }

    void testFeedTopicRefusedToStarToken()
    {
        // Even with publish = open, a feed's topic takes only a token naming it.
        TestDaemon hub({{"auth.secret", TestTokens::SECRET}},
                       FeedPlugins::feedsSection("task_status") +
                           "[feed.task_status]\ntoken = t\n");
        CPPUNIT_ASSERT(hub.logContains("feed task_status started"));
        const std::string forged =
            "{\"topic\":\"tasks\",\"type\":\"task_status\",\"data\":{\"status\":\"done\"}}";
        CPPUNIT_ASSERT_EQUAL(401, HttpCall::post(hub.port(), "/publish", forged).status);
        const HttpCall::Result star = HttpCall::post(hub.port(), "/publish", forged, "application/json",
                                                     bearer(TestTokens::token({"*"}, {})));
        CPPUNIT_ASSERT_EQUAL(403, star.status);
        CPPUNIT_ASSERT(star.jsonString("error").find("feed") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/publish", forged, "application/json",
                                                 bearer(TestTokens::token({"tasks"}, {})))
                                      .status);
        // Other topics stay open.
        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/publish", event("news")).status);
        hub.stop();
    }

    void testCrossOriginFormPostRefused()
    {
        // What a page elsewhere makes a visitor's browser send: no preflight, no token.
        TestDaemon hub;
        const std::string answer = RawExchange::send(
            hub.port(), "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 17\r\n"
                        "Connection: close\r\n\r\ntopic=news&data=x");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 403 Forbidden"), RawExchange::statusLine(answer));
        CPPUNIT_ASSERT(answer.find("Access-Control-Allow-Origin") == std::string::npos);
        // Its preflight gets no permission either.
        const std::string preflight = RawExchange::send(
            hub.port(), "OPTIONS /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                        "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
        CPPUNIT_ASSERT(preflight.find("Access-Control-Allow-Origin") == std::string::npos);
        // The hub's own page (same origin) may.
        const std::string own = RawExchange::send(
            hub.port(), "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 17\r\n"
                        "Connection: close\r\n\r\ntopic=news&data=x");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 201 Created"), RawExchange::statusLine(own));
        // Subscribing keeps cors_origin.
        const HttpCall::Result topics =
            HttpCall::get(hub.port(), "/topics", {{"Origin", "https://evil.example"}});
        CPPUNIT_ASSERT_EQUAL(std::string("*"), topics.response.get("Access-Control-Allow-Origin"));
    }

    void testListedOriginMayPublish()
    {
        TestDaemon hub(TestDaemon::Settings{{"auth.publish_origins", "https://app.example"}});
        const HttpCall::Result result = HttpCall::post(
            hub.port(), "/publish", event("news"), "application/json", {{"Origin", "https://app.example"}});
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("https://app.example"),
                             result.response.get("Access-Control-Allow-Origin"));
        const std::string preflight = RawExchange::send(
            hub.port(), "OPTIONS /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://app.example\r\n"
                        "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
        CPPUNIT_ASSERT(preflight.find("Access-Control-Allow-Origin: https://app.example\r\n") !=
                       std::string::npos);
    }

    void testRepeatedFailuresAre429AndLoggedOnce()
    {
        TestDaemon::Settings settings = tokenSettings();
        settings["auth.max_failures_per_minute"] = "3";
        TestDaemon hub(settings);
        for (int i = 0; i < 4; ++i)
            CPPUNIT_ASSERT_EQUAL(401, HttpCall::post(hub.port(), "/publish", event("news")).status);
        const HttpCall::Result refused =
            HttpCall::post(hub.port(), "/publish", event("news"), "application/json",
                           bearer(TestTokens::token({"news"}, {})));
        CPPUNIT_ASSERT_EQUAL(429, refused.status);
        CPPUNIT_ASSERT(!refused.response.get("Retry-After", "").empty());
        for (int i = 0; i < 5; ++i)
            HttpCall::post(hub.port(), "/publish", event("news"));
        CPPUNIT_ASSERT(hub.waitForLog("authorization failures", 2000));
        const std::string log = hub.log();
        CPPUNIT_ASSERT_EQUAL(log.find("authorization failures"), log.rfind("authorization failures"));
    }

    void testFeedRoutesWithTokens()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("notifications") +
                               "[feed.notifications]\nsimulate = false\ntoken = notify-secret\n");
        const std::string body = "{\"type\":\"notification\",\"message\":\"hi\"}";
        const HttpCall::Result refused = HttpCall::post(hub.port(), "/api/notify", body);
        CPPUNIT_ASSERT_EQUAL(401, refused.status);
        CPPUNIT_ASSERT(!refused.response.get("WWW-Authenticate", "").empty());
        CPPUNIT_ASSERT_EQUAL(
            401, HttpCall::post(hub.port(), "/api/notify", body, "application/json", bearer("notify-secreT"))
                     .status);
        CPPUNIT_ASSERT_EQUAL(
            200, HttpCall::post(hub.port(), "/api/notify", body, "application/json", bearer("notify-secret"))
                     .status);
        // A feed's input route follows the publish origins too.
        CPPUNIT_ASSERT_EQUAL(403, HttpCall::post(hub.port(), "/api/notify", body, "application/json",
                                                 {{"Origin", "https://evil.example"},
                                                  {"Authorization", "Bearer notify-secret"}})
                                      .status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishAuthTest);
