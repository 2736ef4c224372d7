//
// ChatFeedTest.cpp
//

#include "ChatCalls.h"
#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "TestTokens.h"
#include <cppunit/extensions/HelperMacros.h>

class ChatFeedTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ChatFeedTest);
    CPPUNIT_TEST(testMessageIsCreatedAndPublished);
    CPPUNIT_TEST(testNewcomerSeesRecentMessagesAndMembers);
    CPPUNIT_TEST(testJoinLeaveAndUniqueNicknames);
    CPPUNIT_TEST(testMembersAndMessagesOutliveARestart);
    CPPUNIT_TEST(testRateLimitAnswers429);
    CPPUNIT_TEST(testLengthLimitAndBadInput);
    CPPUNIT_TEST(testRoomListAndRoomLimit);
    CPPUNIT_TEST(testRoomTopicIsTheFeeds);
    CPPUNIT_TEST(testPrivateRoomNeedsATokenNamingIt);
    CPPUNIT_TEST(testPrivateRoomStreamNeedsATokenToo);
    CPPUNIT_TEST(testPrivateRoomMadeBeforeARestartStaysPrivate);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMessageIsCreatedAndPublished()
    {
        TestDaemon hub({}, ChatCalls::ini());
        SseClient stream(hub.port(), "/events?topic=chat.lobby");
        const HttpCall::Result result = ChatCalls::say(hub, "lobby", "ann", "hello <script>");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        const std::string id = result.jsonString("id");
        CPPUNIT_ASSERT(id.rfind("chat.lobby:", 0) == 0);
        ChatCalls::expectMessage(stream, id, "ann", "hello <script>");
    }

    void testNewcomerSeesRecentMessagesAndMembers()
    {
        TestDaemon hub({}, ChatCalls::ini("history = 2\n"));
        ChatCalls::join(hub, "lobby", "bob");
        for (const char* text : {"one", "two", "three"})
            CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "lobby", "ann", text).status);
        const Poco::JSON::Object::Ptr room =
            ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/lobby").body);
        const Poco::JSON::Array::Ptr messages = room->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages->size());
        CPPUNIT_ASSERT_EQUAL(std::string("two"), messages->getObject(0)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::string("three"), messages->getObject(1)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), room->getArray("members")->size());
        CPPUNIT_ASSERT_EQUAL(std::string("bob"), room->getArray("members")->getElement<std::string>(0));
    }

    void testJoinLeaveAndUniqueNicknames()
    {
        TestDaemon hub({}, ChatCalls::ini());
        SseClient stream(hub.port(), "/events?topic=chat.lobby");
        HttpCall::Result joined = ChatCalls::join(hub, "lobby", "ann");
        CPPUNIT_ASSERT_EQUAL(201, joined.status);
        const std::string member = joined.jsonString("member");
        CPPUNIT_ASSERT_EQUAL(std::size_t(36), member.size());
        SseClient::Event event = stream.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("join"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), ChatCalls::parse(event.data)->getValue<std::string>("nick"));

        const HttpCall::Result taken = ChatCalls::join(hub, "lobby", "ANN");
        CPPUNIT_ASSERT_EQUAL(409, taken.status);
        CPPUNIT_ASSERT_EQUAL(std::string("the nickname ANN is taken in room lobby"),
                             taken.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(403, ChatCalls::say(hub, "lobby", "ann", "forged").status);
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "lobby", "ann", "mine", member).status);
        CPPUNIT_ASSERT_EQUAL(std::string("message"), stream.expect().type);

        HttpCall::Result left = HttpCall::post(hub.port(), "/api/chat/lobby/leave",
                                               "{\"nick\":\"ann\",\"member\":\"" + member + "\"}");
        CPPUNIT_ASSERT_EQUAL(200, left.status);
        event = stream.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("leave"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), ChatCalls::parse(event.data)->getValue<std::string>("nick"));
        left = HttpCall::post(hub.port(), "/api/chat/lobby/leave",
                              "{\"nick\":\"ann\",\"member\":\"" + member + "\"}");
        CPPUNIT_ASSERT_EQUAL(404, left.status);
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::join(hub, "lobby", "ann").status);
    }

    void testMembersAndMessagesOutliveARestart()
    {
        TestDaemon hub({}, ChatCalls::ini("history = 2\n"));
        const std::string member = ChatCalls::join(hub, "attic", "ann").jsonString("member");
        for (const char* text : {"one", "two", "three"})
            CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "attic", "ann", text, member).status);
        hub.restart();
        const Poco::JSON::Object::Ptr room =
            ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/attic").body);
        const Poco::JSON::Array::Ptr messages = room->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages->size());
        CPPUNIT_ASSERT_EQUAL(std::string("two"), messages->getObject(0)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::string("three"), messages->getObject(1)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), room->getArray("members")->size());
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), room->getArray("members")->getElement<std::string>(0));
        // The member keeps its nickname and its token across the restart.
        CPPUNIT_ASSERT_EQUAL(409, ChatCalls::join(hub, "attic", "ann").status);
        CPPUNIT_ASSERT_EQUAL(403, ChatCalls::say(hub, "attic", "ann", "forged").status);
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "attic", "ann", "still me", member).status);
        const Poco::JSON::Array::Ptr rooms =
            ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/").body)->getArray("rooms");
        CPPUNIT_ASSERT_EQUAL(std::string("attic"), rooms->getObject(0)->getValue<std::string>("room"));
        CPPUNIT_ASSERT_EQUAL(1, rooms->getObject(0)->getValue<int>("members"));
    }

    void testRateLimitAnswers429()
    {
        TestDaemon hub({}, ChatCalls::ini("rate_messages = 3\nrate_seconds = 60\n"));
        for (int i = 0; i < 3; ++i)
            CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "lobby", "ann", "hi").status);
        const HttpCall::Result refused = ChatCalls::say(hub, "lobby", "ann", "one too many");
        CPPUNIT_ASSERT_EQUAL(429, refused.status);
        CPPUNIT_ASSERT_EQUAL(std::string("too many messages: wait a moment and send again"),
                             refused.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3),
                             ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/lobby").body)
                                 ->getArray("messages")
                                 ->size());
    }

    void testLengthLimitAndBadInput()
    {
        TestDaemon hub({}, ChatCalls::ini("max_message_bytes = 10\n"));
        HttpCall::Result result = ChatCalls::say(hub, "lobby", "ann", "12345678901");
        CPPUNIT_ASSERT_EQUAL(413, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("a message holds at most 10 bytes"), result.jsonString("error"));
        const std::vector<std::pair<std::string, std::string>> cases = {
            {R"({"user":"ann"})", "\"text\" must be a string"},
            {R"({"user":"ann","text":""})", "\"text\" must not be empty"},
            {R"({"user":"","text":"hi"})", "a nickname is 1 to 64 bytes of UTF-8"},
            {R"({"user":"ann","text":"hi","colour":1})", "unknown field \"colour\""},
            {R"([])", "the body must be a JSON object"},
        };
        for (const auto& [body, error] : cases)
        {
            result = HttpCall::post(hub.port(), "/api/chat/lobby", body);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(body, 400, result.status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(body, error, result.jsonString("error"));
        }
        CPPUNIT_ASSERT_EQUAL(400, HttpCall::get(hub.port(), "/api/chat/no.dots").status);
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::post(hub.port(), "/api/chat/lobby/dance", "{}").status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                             ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/lobby").body)
                                 ->getArray("messages")
                                 ->size());
    }

    void testRoomListAndRoomLimit()
    {
        TestDaemon hub({}, ChatCalls::ini("rooms = lobby, kitchen\nmax_rooms = 3\n"));
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "attic", "ann", "first").status);
        const HttpCall::Result full = ChatCalls::say(hub, "cellar", "ann", "one room too many");
        CPPUNIT_ASSERT_EQUAL(507, full.status);
        CPPUNIT_ASSERT_EQUAL(std::string("the chat holds its maximum of 3 rooms"), full.jsonString("error"));
        const Poco::JSON::Array::Ptr rooms =
            ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/").body)->getArray("rooms");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), rooms->size());
        CPPUNIT_ASSERT_EQUAL(std::string("attic"), rooms->getObject(0)->getValue<std::string>("room"));
        CPPUNIT_ASSERT_EQUAL(1, rooms->getObject(0)->getValue<int>("messages"));
        CPPUNIT_ASSERT_EQUAL(std::string("kitchen"), rooms->getObject(1)->getValue<std::string>("room"));
        CPPUNIT_ASSERT_EQUAL(std::string("lobby"), rooms->getObject(2)->getValue<std::string>("room"));
    }

    void testRoomTopicIsTheFeeds()
    {
        TestDaemon hub({}, ChatCalls::ini());
        // A publish to chat.<room> goes to the chat (ChatIntakeTest), which takes messages only.
        const HttpCall::Result forged = HttpCall::post(
            hub.port(), "/publish", R"({"topic":"chat.lobby","type":"join","data":{"nick":"eve"}})");
        CPPUNIT_ASSERT_EQUAL(400, forged.status);
        CPPUNIT_ASSERT_EQUAL(
            std::size_t(0),
            ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/lobby").body)->getArray("members")->size());
        CPPUNIT_ASSERT_EQUAL(
            201, HttpCall::post(hub.port(), "/publish", R"({"topic":"other","data":"{}"})").status);
    }

    void testPrivateRoomNeedsATokenNamingIt()
    {
        TestDaemon hub({{"auth.secret", TestTokens::SECRET}},
                       ChatCalls::ini("rooms = lobby, staff\nprivate_rooms = staff*, board-?\n"));
        const std::string staff = "Bearer " + TestTokens::token({}, {"chat.staff", "chat.staff-room"});
        HttpCall::Result result = HttpCall::get(hub.port(), "/api/chat/staff");
        CPPUNIT_ASSERT_EQUAL(401, result.status);
        CPPUNIT_ASSERT_EQUAL(
            403, HttpCall::get(hub.port(), "/api/chat/staff",
                               {{"Authorization", "Bearer " + TestTokens::token({}, {"chat.lobby"})}})
                     .status);
        CPPUNIT_ASSERT_EQUAL(200,
                             HttpCall::get(hub.port(), "/api/chat/staff", {{"Authorization", staff}}).status);
        CPPUNIT_ASSERT_EQUAL(401, ChatCalls::say(hub, "staff", "ann", "secret").status);
        CPPUNIT_ASSERT_EQUAL(401, ChatCalls::join(hub, "board-1", "ann").status);
        result = HttpCall::post(hub.port(), "/api/chat/staff-room", R"({"user":"ann","text":"in"})",
                                "application/json", {{"Authorization", staff}});
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        // Public rooms need no token; the list leaves private rooms out.
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(hub, "lobby", "ann", "hi").status);
        const Poco::JSON::Array::Ptr rooms =
            ChatCalls::parse(HttpCall::get(hub.port(), "/api/chat/").body)->getArray("rooms");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rooms->size());
        CPPUNIT_ASSERT_EQUAL(std::string("lobby"), rooms->getObject(0)->getValue<std::string>("room"));
    }

    void testPrivateRoomStreamNeedsATokenToo()
    {
        TestDaemon hub({{"auth.secret", TestTokens::SECRET}},
                       ChatCalls::ini("rooms = staff\nprivate_rooms = staff\n"));
        SseClient refused(hub.port(), "/events?topic=chat.staff");
        CPPUNIT_ASSERT_EQUAL(401, refused.status());
        const std::string token = TestTokens::token({}, {"chat.staff"});
        SseClient stream(hub.port(), "/events?topic=chat.staff&token=" + token);
        CPPUNIT_ASSERT_EQUAL(200, stream.status());
        const HttpCall::Result posted =
            HttpCall::post(hub.port(), "/api/chat/staff", R"({"user":"ann","text":"in"})", "application/json",
                           {{"Authorization", "Bearer " + token}});
        CPPUNIT_ASSERT_EQUAL(201, posted.status);
        CPPUNIT_ASSERT_EQUAL(posted.jsonString("id"), stream.expect().id);
    }

    void testPrivateRoomMadeBeforeARestartStaysPrivate()
    {
        TestDaemon hub({{"auth.secret", TestTokens::SECRET}}, ChatCalls::ini("private_rooms = staff*\n"));
        const std::string token = TestTokens::token({}, {"chat.staff-new"});
        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/api/chat/staff-new",
                                                 R"({"user":"ann","text":"in"})", "application/json",
                                                 {{"Authorization", "Bearer " + token}})
                                      .status);
        hub.restart();
        // Nothing asked about the room since: the hub knows it is private from the feed's state.
        SseClient refused(hub.port(), "/events?topic=chat.staff-new");
        CPPUNIT_ASSERT_EQUAL(401, refused.status());
        SseClient stream(hub.port(), "/events?topic=chat.staff-new&token=" + token);
        CPPUNIT_ASSERT_EQUAL(200, stream.status());
    }

private:
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChatFeedTest);
