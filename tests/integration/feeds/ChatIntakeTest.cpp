//
// ChatIntakeTest.cpp
//

#include "ChatCalls.h"
#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "TestTokens.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>

class ChatIntakeTest : public CppUnit::TestFixture
    /// POST /publish to chat.<room>: the chat feed takes it as a message under
    /// the rules of its own route, on a hub where publishing needs a token.
{
    CPPUNIT_TEST_SUITE(ChatIntakeTest);
    CPPUNIT_TEST(testMessageIsPostedWithoutAPublishToken);
    CPPUNIT_TEST(testPosingAsAMemberIs403);
    CPPUNIT_TEST(testRateLimitIsTheRoutes);
    CPPUNIT_TEST(testOnlyMessagesAreTaken);
    CPPUNIT_TEST(testBatchMixingChatAndOtherTopicsIsRefused);
    CPPUNIT_TEST(testPrivateRoomNeedsATokenNamingIt);
    CPPUNIT_TEST(testStoppedChatGivesItsTopicsBack);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMessageIsPostedWithoutAPublishToken()
    {
        TestDaemon hub(tokenSettings(), ChatCalls::ini());
        SseClient stream(hub.port(), "/events?topic=chat.lobby");
        const HttpCall::Result result = say(hub, "lobby", R"({"user":"ann","text":"hello <script>"})");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        const std::string id = result.jsonString("id");
        CPPUNIT_ASSERT(id.rfind("chat.lobby:", 0) == 0);
        const Poco::JSON::Object::Ptr answer = ChatCalls::parse(result.body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), answer->getArray("ids")->size());
        CPPUNIT_ASSERT_EQUAL(id, answer->getArray("ids")->getElement<std::string>(0));
        ChatCalls::expectMessage(stream, id, "ann", "hello <script>");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages(hub, "lobby")->size());
        // Other topics still need the hub's token.
        CPPUNIT_ASSERT_EQUAL(401,
                             HttpCall::post(hub.port(), "/publish", R"({"topic":"news","data":"x"})").status);
    }

    void testPosingAsAMemberIs403()
    {
        TestDaemon hub(tokenSettings(), ChatCalls::ini());
        const HttpCall::Result joined =
            HttpCall::post(hub.port(), "/api/chat/lobby/join", R"({"nick":"ann"})");
        CPPUNIT_ASSERT_EQUAL(201, joined.status);
        const HttpCall::Result forged = say(hub, "lobby", R"({"user":"ann","text":"not ann"})");
        CPPUNIT_ASSERT_EQUAL(403, forged.status);
        CPPUNIT_ASSERT_EQUAL(
            std::string("the nickname ann is a member's: send its member token as \"member\""),
            forged.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(
            201, say(hub, "lobby",
                     R"({"user":"ann","text":"mine","member":")" + joined.jsonString("member") + "\"}")
                     .status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages(hub, "lobby")->size());
    }

    void testRateLimitIsTheRoutes()
    {
        TestDaemon hub(tokenSettings(), ChatCalls::ini("rate_messages = 3\nrate_seconds = 60\n"));
        CPPUNIT_ASSERT_EQUAL(201, say(hub, "lobby", R"({"user":"ann","text":"one"})").status);
        CPPUNIT_ASSERT_EQUAL(
            201, HttpCall::post(hub.port(), "/api/chat/lobby", R"({"user":"ann","text":"two"})").status);
        CPPUNIT_ASSERT_EQUAL(201, say(hub, "lobby", R"({"user":"ann","text":"three"})").status);
        const HttpCall::Result refused = say(hub, "lobby", R"({"user":"ann","text":"one too many"})");
        CPPUNIT_ASSERT_EQUAL(429, refused.status);
        CPPUNIT_ASSERT_EQUAL(std::string("too many messages: wait a moment and send again"),
                             refused.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), messages(hub, "lobby")->size());
    }

    void testOnlyMessagesAreTaken()
    {
        TestDaemon hub(tokenSettings(), ChatCalls::ini("max_message_bytes = 10\n"));
        HttpCall::Result result = HttpCall::post(
            hub.port(), "/publish", R"({"topic":"chat.lobby","type":"join","data":{"nick":"eve"}})");
        CPPUNIT_ASSERT_EQUAL(400, result.status);
        CPPUNIT_ASSERT_EQUAL(
            std::string("the chat takes publications of type \"message\" only, not \"join\": "
                        "joining and leaving are the chat's routes"),
            result.jsonString("error"));
        const std::vector<std::pair<std::string, std::string>> cases = {
            {R"([1])", "a chat message's data must be a JSON object"},
            {R"({"user":"ann"})", "\"text\" must be a string"},
            {R"({"user":"ann","text":"hi","colour":1})", "unknown field \"colour\""},
        };
        for (const auto& [data, error] : cases)
        {
            result = say(hub, "lobby", data);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(data, 400, result.status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(data, error, result.jsonString("error"));
        }
        // A string's text, or a form's data, is not JSON at all.
        for (const HttpCall::Result& text :
             {say(hub, "lobby", R"("just text")"),
              HttpCall::post(hub.port(), "/publish", "topic=chat.lobby&data=hello",
                             "application/x-www-form-urlencoded")})
        {
            CPPUNIT_ASSERT_EQUAL(400, text.status);
            CPPUNIT_ASSERT(
                text.jsonString("error").rfind(
                    "a chat message's data must be a JSON object {\"user\",\"text\",\"member\"}: ", 0) == 0);
        }
        CPPUNIT_ASSERT_EQUAL(413, say(hub, "lobby", R"({"user":"ann","text":"12345678901"})").status);
        CPPUNIT_ASSERT_EQUAL(400, say(hub, "no-such-room!", R"({"user":"ann","text":"hi"})").status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), messages(hub, "lobby")->size());
    }

    void testBatchMixingChatAndOtherTopicsIsRefused()
    {
        TestDaemon hub({}, ChatCalls::ini());
        SseClient stream(hub.port(), "/events?topic=news&topic=chat.lobby");
        const HttpCall::Result result = HttpCall::post(
            hub.port(), "/publish",
            R"([{"topic":"news","data":"x"},{"topic":"chat.lobby","data":{"user":"ann","text":"hi"}}])");
        CPPUNIT_ASSERT_EQUAL(400, result.status);
        CPPUNIT_ASSERT_EQUAL(
            std::string("batch item 1 (counting from 0): topic 'chat.lobby' goes to the feed chat, "
                        "which takes one publication at a time: publish it alone, not in a batch"),
            result.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(400,
                             HttpCall::post(hub.port(), "/publish",
                                            R"([{"topic":"chat.lobby","data":{"user":"ann","text":"a"}},)"
                                            R"({"topic":"chat.lobby","data":{"user":"ann","text":"b"}}])")
                                 .status);
        // Nothing of either batch was published: the next event is this one.
        const std::string id = HttpCall::publish(hub.port(), "news", "after");
        CPPUNIT_ASSERT_EQUAL(id, stream.expect().id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), messages(hub, "lobby")->size());
    }

    void testPrivateRoomNeedsATokenNamingIt()
    {
        TestDaemon hub(tokenSettings(), ChatCalls::ini("private_rooms = staff\n"));
        const std::string message = R"({"user":"ann","text":"in"})";
        CPPUNIT_ASSERT_EQUAL(401, say(hub, "staff", message).status);
        const std::string other = TestTokens::token({}, {"chat.lobby"});
        CPPUNIT_ASSERT_EQUAL(403, say(hub, "staff", message, {{"Authorization", "Bearer " + other}}).status);
        const std::string staff = TestTokens::token({}, {"chat.staff"});
        CPPUNIT_ASSERT_EQUAL(201, say(hub, "staff", message, {{"Authorization", "Bearer " + staff}}).status);
    }

    void testStoppedChatGivesItsTopicsBack()
    {
        TestDaemon hub({}, ChatCalls::ini());
        CPPUNIT_ASSERT_EQUAL(201, say(hub, "lobby", R"({"user":"ann","text":"hi"})").status);
        hub.writeConfig({}, FeedPlugins::feedsSection(""));
        hub.signal(SIGHUP);
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.waitForLog("hub.ini reloaded", 10000));
        // With no chat, chat.lobby is a topic like any other again.
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish", R"({"topic":"chat.lobby","type":"anything","data":"x"})");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
    }

private:
    static TestDaemon::Settings tokenSettings()
    {
        return {{"auth.publish", "token"}, {"auth.secret", TestTokens::SECRET}};
    }

    static HttpCall::Result say(const TestDaemon& hub, const std::string& room, const std::string& data,
                                const HttpCall::Headers& headers = {})
    {
        return HttpCall::post(hub.port(), "/publish",
                              R"({"topic":"chat.)" + room + R"(","type":"message","data":)" + data + "}",
                              "application/json", headers);
    }

    static Poco::JSON::Array::Ptr messages(const TestDaemon& hub, const std::string& room)
    {
        return ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/" + room).body)->getArray("messages");
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChatIntakeTest);
