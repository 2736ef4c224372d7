//
// ChatClusterTest.cpp
//

#include "ChatCalls.h"
#include "ClusterNodes.h"
#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Thread.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <memory>

namespace
{

Poco::JSON::Object::Ptr room(const TestDaemon& node, const std::string& name)
{
    const HttpCall::Result result = HttpCall::get(node.port(), "/api/chat/" + name);
    CPPUNIT_ASSERT_EQUAL(200, result.status);
    return ChatCalls::parse(result.body);
}

std::vector<std::string> membersOf(const TestDaemon& node, const std::string& name)
{
    std::vector<std::string> nicks;
    const Poco::JSON::Array::Ptr members = room(node, name)->getArray("members");
    for (std::size_t i = 0; i < members->size(); ++i)
        nicks.push_back(members->getElement<std::string>(static_cast<unsigned>(i)));
    return nicks;
}

std::vector<std::string> textsOf(const TestDaemon& node, const std::string& name)
{
    std::vector<std::string> texts;
    const Poco::JSON::Array::Ptr messages = room(node, name)->getArray("messages");
    for (std::size_t i = 0; i < messages->size(); ++i)
        texts.push_back(messages->getObject(static_cast<unsigned>(i))->getValue<std::string>("text"));
    return texts;
}

struct Said
{
    std::string id;
    std::string text; /// a message's text, or who joined or left
};

Said next(SseClient& stream, const std::string& type)
    /// The next event of type on stream, skipping others (presence).
{
    for (;;)
    {
        const SseClient::Event event = stream.expect(10000);
        if (event.type != type)
            continue;
        const Poco::JSON::Object::Ptr data = ChatCalls::parse(event.data);
        return Said{event.id, data->getValue<std::string>(data->has("text") ? "text" : "nick")};
    }
}

} // namespace

class ChatClusterTest : public CppUnit::TestFixture
    /// The chat feed on three hubs sharing one real redis-server: messages,
    /// members, history and nicknames are the same on every hub, and two
    /// hubs carry on when the third is killed.
{
    CPPUNIT_TEST_SUITE(ChatClusterTest);
    CPPUNIT_TEST(testMessagesPostedOnAArriveOnBAndCInOrder);
    CPPUNIT_TEST(testMemberJoiningOnCIsListedOnA);
    CPPUNIT_TEST(testNewcomerOnBSeesTheRoomsLastMessages);
    CPPUNIT_TEST(testNicknameTakenOnAIsRefusedOnB);
    CPPUNIT_TEST(testKillingALeavesBAndCChatting);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _redis = std::make_unique<RedisServer>();
        for (const char* name : {"a", "b", "c"})
            _nodes.push_back(std::make_unique<TestDaemon>(ClusterNodes::node(*_redis, name), chatIni()));
        for (const auto& node : _nodes)
            ClusterNodes::waitHealthy(*node);
    }

    void tearDown() override
    {
        _nodes.clear();
        _redis.reset();
    }

    void testMessagesPostedOnAArriveOnBAndCInOrder()
    {
        SseClient onB(b().port(), "/events?topic=chat.lobby");
        SseClient onC(c().port(), "/events?topic=chat.lobby");
        CPPUNIT_ASSERT_EQUAL(200, onB.status());
        CPPUNIT_ASSERT_EQUAL(200, onC.status());
        std::vector<std::string> ids;
        for (int i = 0; i < 20; ++i)
        {
            const HttpCall::Result posted =
                ChatCalls::say(a(), "lobby", "ann", "message " + std::to_string(i));
            CPPUNIT_ASSERT_EQUAL(201, posted.status);
            ids.push_back(posted.jsonString("id"));
        }
        for (SseClient* stream : {&onB, &onC})
        {
            for (int i = 0; i < 20; ++i)
            {
                const Said said = next(*stream, "message");
                CPPUNIT_ASSERT_EQUAL(ids[i], said.id);
                CPPUNIT_ASSERT_EQUAL("message " + std::to_string(i), said.text);
            }
        }
    }

    void testMemberJoiningOnCIsListedOnA()
    {
        SseClient onA(a().port(), "/events?topic=chat.lobby");
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::join(c(), "lobby", "carol").status);
        CPPUNIT_ASSERT_EQUAL(std::string("carol"), next(onA, "join").text);
        CPPUNIT_ASSERT(membersOf(a(), "lobby") == std::vector<std::string>({"carol"}));
        CPPUNIT_ASSERT(membersOf(b(), "lobby") == std::vector<std::string>({"carol"}));
    }

    void testNewcomerOnBSeesTheRoomsLastMessages()
    {
        for (int i = 0; i < 5; ++i)
        {
            const TestDaemon& node = i % 2 ? c() : a();
            CPPUNIT_ASSERT_EQUAL(201, ChatCalls::say(node, "lobby", "ann", "m" + std::to_string(i)).status);
        }
        CPPUNIT_ASSERT(textsOf(b(), "lobby") == std::vector<std::string>({"m2", "m3", "m4"}));
    }

    void testNicknameTakenOnAIsRefusedOnB()
    {
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::join(a(), "lobby", "ann").status);
        const HttpCall::Result taken = ChatCalls::join(b(), "lobby", "ANN");
        CPPUNIT_ASSERT_EQUAL(409, taken.status);
        CPPUNIT_ASSERT_EQUAL(std::string("the nickname ANN is taken in room lobby"),
                             taken.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::join(b(), "lobby", "bob").status);
        // Ann is a member on every hub: her name cannot be borrowed for a message either.
        CPPUNIT_ASSERT_EQUAL(403, ChatCalls::say(c(), "lobby", "ann", "forged").status);
    }

    void testKillingALeavesBAndCChatting()
    {
        CPPUNIT_ASSERT_EQUAL(201, ChatCalls::join(a(), "lobby", "ann").status);
        SseClient onB(b().port(), "/events?topic=chat.lobby");
        SseClient onC(c().port(), "/events?topic=chat.lobby");
        a().signal(SIGKILL);
        const HttpCall::Result fromB = ChatCalls::say(b(), "lobby", "bob", "still here");
        CPPUNIT_ASSERT_EQUAL(201, fromB.status);
        const HttpCall::Result fromC = ChatCalls::say(c(), "lobby", "carol", "me too");
        CPPUNIT_ASSERT_EQUAL(201, fromC.status);
        for (SseClient* stream : {&onB, &onC})
        {
            CPPUNIT_ASSERT_EQUAL(fromB.jsonString("id"), next(*stream, "message").id);
            CPPUNIT_ASSERT_EQUAL(fromC.jsonString("id"), next(*stream, "message").id);
        }
        // Ann's client went with her hub and joins again nowhere: the sweep of
        // B or C lets her leave after the member timeout, on every hub.
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), next(onB, "leave").text);
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), next(onC, "leave").text);
        CPPUNIT_ASSERT(membersOf(b(), "lobby").empty());
        CPPUNIT_ASSERT(membersOf(c(), "lobby").empty());
    }

private:
    static std::string chatIni()
    {
        return ChatCalls::ini("history = 3\nmember_timeout_seconds = 1\nrate_messages = 1000\n");
    }

    TestDaemon& a() { return *_nodes[0]; }
    TestDaemon& b() { return *_nodes[1]; }
    TestDaemon& c() { return *_nodes[2]; }

    std::unique_ptr<RedisServer> _redis;
    std::vector<std::unique_ptr<TestDaemon>> _nodes;
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChatClusterTest);
