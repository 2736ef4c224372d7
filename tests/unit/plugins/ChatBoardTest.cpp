//
// ChatBoardTest.cpp
//

#include "ChatBoard.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonText.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::HttpError;
using feedhub::chat::ChatBoard;

namespace
{

int statusOf(const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const HttpError& error)
    {
        return static_cast<int>(error.status());
    }
    catch (const Poco::InvalidArgumentException&)
    {
        return 400;
    }
    return 0;
}

} // namespace

class ChatBoardTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ChatBoardTest);
    CPPUNIT_TEST(testMessageIsPublishedAndKept);
    CPPUNIT_TEST(testHistoryKeepsTheLastMessages);
    CPPUNIT_TEST(testJoinAndLeaveArePublished);
    CPPUNIT_TEST(testNicknameIsUniqueInItsRoom);
    CPPUNIT_TEST(testMemberNicknameNeedsItsToken);
    CPPUNIT_TEST(testJoinAgainWithTokenIsAHeartbeat);
    CPPUNIT_TEST(testIdleMembersLeave);
    CPPUNIT_TEST(testLimits);
    CPPUNIT_TEST(testBadInputChangesNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _published.clear(); }

    void testMessageIsPublishedAndKept()
    {
        auto board = make();
        const std::string id = board->post("lobby", "ann", "hello <b>all</b>", "");
        CPPUNIT_ASSERT_EQUAL(std::string("chat.lobby:1"), id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _published.size());
        CPPUNIT_ASSERT(
            _published[0].rfind("chat.lobby message {\"text\":\"hello <b>all</b>\",\"time\":\"", 0) == 0);
        const Poco::JSON::Object::Ptr room = board->read("lobby");
        const Poco::JSON::Array::Ptr messages = room->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages->size());
        CPPUNIT_ASSERT_EQUAL(id, messages->getObject(0)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), messages->getObject(0)->getValue<std::string>("user"));
    }

    void testHistoryKeepsTheLastMessages()
    {
        ChatBoard::Limits limits;
        limits.history = 2;
        auto board = make(limits);
        for (const char* text : {"one", "two", "three"})
            board->post("lobby", "ann", text, "");
        const Poco::JSON::Array::Ptr messages = board->read("lobby")->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages->size());
        CPPUNIT_ASSERT_EQUAL(std::string("two"), messages->getObject(0)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::string("three"), messages->getObject(1)->getValue<std::string>("text"));
    }

    void testJoinAndLeaveArePublished()
    {
        auto board = make();
        const std::string token = board->join("lobby", "ann", "")->getValue<std::string>("member");
        board->join("lobby", "bob", "");
        CPPUNIT_ASSERT_EQUAL(std::string("[\"ann\",\"bob\"]"),
                             feedhub::JsonText::format(board->read("lobby")->getArray("members")));
        board->leave("lobby", token);
        CPPUNIT_ASSERT_EQUAL(std::string("[\"bob\"]"),
                             feedhub::JsonText::format(board->read("lobby")->getArray("members")));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), _published.size());
        CPPUNIT_ASSERT(_published[0].rfind("chat.lobby join {\"nick\":\"ann\"", 0) == 0);
        CPPUNIT_ASSERT(_published[2].rfind("chat.lobby leave {\"nick\":\"ann\"", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(404, statusOf([&] { board->leave("lobby", token); }));
    }

    void testNicknameIsUniqueInItsRoom()
    {
        auto board = make();
        board->join("lobby", "Ann", "");
        CPPUNIT_ASSERT_EQUAL(409, statusOf([&] { board->join("lobby", "ann", ""); }));
        CPPUNIT_ASSERT_NO_THROW(board->join("kitchen", "ann", ""));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), _published.size());
    }

    void testMemberNicknameNeedsItsToken()
    {
        auto board = make();
        const std::string ann = board->join("lobby", "ann", "")->getValue<std::string>("member");
        const std::string bob = board->join("lobby", "bob", "")->getValue<std::string>("member");
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board->post("lobby", "ann", "forged", ""); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board->post("lobby", "ann", "forged", bob); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board->post("lobby", "ann", "forged", "not-a-token"); }));
        CPPUNIT_ASSERT_NO_THROW(board->post("lobby", "ann", "mine", ann));
        CPPUNIT_ASSERT_NO_THROW(board->post("lobby", "guest", "not a member's name", ""));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), board->read("lobby")->getArray("messages")->size());
    }

    void testJoinAgainWithTokenIsAHeartbeat()
    {
        auto board = make();
        const std::string token = board->join("lobby", "ann", "")->getValue<std::string>("member");
        CPPUNIT_ASSERT_EQUAL(token, board->join("lobby", "ann", token)->getValue<std::string>("member"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _published.size());
    }

    void testIdleMembersLeave()
    {
        ChatBoard::Limits limits;
        limits.memberTimeout = Poco::Timespan(30, 0);
        auto board = make(limits);
        board->join("lobby", "ann", "");
        board->expire(Poco::Timestamp() + 10 * Poco::Timespan::SECONDS);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board->read("lobby")->getArray("members")->size());
        board->expire(Poco::Timestamp() + 31 * Poco::Timespan::SECONDS);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), board->read("lobby")->getArray("members")->size());
        CPPUNIT_ASSERT(_published.back().rfind("chat.lobby leave {\"nick\":\"ann\"", 0) == 0);
        CPPUNIT_ASSERT_NO_THROW(board->join("lobby", "ann", ""));
    }

    void testLimits()
    {
        ChatBoard::Limits limits;
        limits.maxRooms = 2;
        limits.maxMessageBytes = 5;
        limits.maxMembers = 1;
        auto board = make(limits);
        CPPUNIT_ASSERT_EQUAL(413, statusOf([&] { board->post("lobby", "ann", "123456", ""); }));
        CPPUNIT_ASSERT_NO_THROW(board->post("lobby", "ann", "\xc3\xa9\xc3\xa9!", ""));
        board->post("kitchen", "ann", "hi", "");
        CPPUNIT_ASSERT_EQUAL(507, statusOf([&] { board->post("attic", "ann", "hi", ""); }));
        board->join("lobby", "ann", "");
        CPPUNIT_ASSERT_EQUAL(507, statusOf([&] { board->join("lobby", "bob", ""); }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), board->rooms()->size());
    }

    void testBadInputChangesNothing()
    {
        auto board = make();
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->post("lobby", "", "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->post("lobby", "ann", "", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->post("lobby", "ann", "bad \xff", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->post("lobby", std::string(65, 'a'), "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->join("lobby", "new\nline", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->post("no room", "ann", "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board->read("a.b"); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board->post("attic", "ann", "hi", "forged-token"); }));
        CPPUNIT_ASSERT(_published.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board->rooms()->size());
    }

private:
    std::unique_ptr<ChatBoard> make(ChatBoard::Limits limits = {})
    {
        return std::make_unique<ChatBoard>(
            limits, std::vector<std::string>{"lobby"},
            [this](const std::string& topic, const std::string& type, const Poco::JSON::Object::Ptr& data) {
                _published.push_back(topic + " " + type + " " + feedhub::JsonText::format(data));
                return topic + ":" + std::to_string(_published.size());
            });
    }

    std::vector<std::string> _published;
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChatBoardTest);
