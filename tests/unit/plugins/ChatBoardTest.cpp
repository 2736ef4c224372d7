//
// ChatBoardTest.cpp
//

#include "ChatBoard.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/JSON/Array.h"
#include "TestDaemon.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonText.h"
#include "state/SqliteFeedState.h"
#include <atomic>
#include <cppunit/extensions/HelperMacros.h>
#include <optional>
#include <thread>
#include <utility>

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

class InterleavedState : public feedhub::FeedState
    /// A hub's connection to the test's state file that lets a test run
    /// another hub's step right after a list() or count() of one table has
    /// read its records, as if the two hubs' calls interleaved there.
{
public:
    explicit InterleavedState(const std::string& file) : _file(file, false) {}

    // Runs step once, right after the next list() or count() of table.
    void interleave(const std::string& table, std::function<void()> step)
    {
        _table = table;
        _step = std::move(step);
    }

    std::optional<Record> get(const std::string& table, const std::string& key) override
    {
        return _file.get(table, key);
    }

    std::map<std::string, Record> list(const std::string& table) override
    {
        std::map<std::string, Record> records = _file.list(table);
        stepAfterReading(table);
        return records;
    }

    std::size_t count(const std::string& table) override
    {
        const std::size_t records = _file.count(table);
        stepAfterReading(table);
        return records;
    }

    bool commit(const std::vector<Write>& writes) override { return _file.commit(writes); }

private:
    void stepAfterReading(const std::string& table)
    {
        if (table == _table && _step)
            std::exchange(_step, nullptr)();
    }

    feedhub::SqliteFeedState _file;
    std::string _table;
    std::function<void()> _step;
};

struct Hub
    /// One hub's board, on its own connection to the test's state file, and
    /// the events it published. Event ids count across the hubs, as a
    /// cluster's sequences do.
{
    Hub(const std::string& file, ChatBoard::Limits limits, std::atomic<int>& sequence)
        : state(file),
          board(limits, {"lobby"}, state,
                [this, &sequence](const std::string& topic, const std::string& type,
                                  const Poco::JSON::Object::Ptr& data) {
                    published.push_back(topic + " " + type + " " + feedhub::JsonText::format(data));
                    return topic + ":" + std::to_string(++sequence);
                })
    {
    }

    std::size_t count(const std::string& type) const
    {
        return static_cast<std::size_t>(
            std::count_if(published.begin(), published.end(), [&type](const auto& event) {
                return event.find(" " + type + " ") != std::string::npos;
            }));
    }

    std::string members(const std::string& room = "lobby") const
    {
        return feedhub::JsonText::format(board.read(room)->getArray("members"));
    }

    InterleavedState state;
    std::vector<std::string> published;
    ChatBoard board;
};

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
    CPPUNIT_TEST(testStateOutlivesTheBoard);
    CPPUNIT_TEST(testAJoinOnOneHubIsListedOnTheOther);
    CPPUNIT_TEST(testNicknameIsUniqueAcrossHubs);
    CPPUNIT_TEST(testMessagesPostedOnOneHubAreReadOnTheOther);
    CPPUNIT_TEST(testExpiryByEitherHubPublishesLeaveOnce);
    CPPUNIT_TEST(testLimitsCountEveryHubsRoomsAndMembers);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _folder = TestDaemon::makeTempDir();
        _sequence = 0;
    }

    void tearDown() override { Poco::File(_folder).remove(true); }

    void testMessageIsPublishedAndKept()
    {
        auto hub = make();
        const std::string id = hub->board.post("lobby", "ann", "hello <b>all</b> \xc3\xa9", "");
        CPPUNIT_ASSERT_EQUAL(std::string("chat.lobby:1"), id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), hub->published.size());
        CPPUNIT_ASSERT(hub->published[0].rfind(
                           "chat.lobby message {\"text\":\"hello <b>all</b> \xc3\xa9\",\"time\":\"", 0) == 0);
        const Poco::JSON::Array::Ptr messages = hub->board.read("lobby")->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages->size());
        CPPUNIT_ASSERT_EQUAL(id, messages->getObject(0)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), messages->getObject(0)->getValue<std::string>("user"));
        CPPUNIT_ASSERT_EQUAL(std::string("hello <b>all</b> \xc3\xa9"),
                             messages->getObject(0)->getValue<std::string>("text"));
    }

    void testHistoryKeepsTheLastMessages()
    {
        ChatBoard::Limits limits;
        limits.history = 2;
        auto hub = make(limits);
        // Past 9 the ids have more digits: the kept ones still sort as the sequence does.
        for (int i = 1; i <= 12; ++i)
            hub->board.post("lobby", "ann", "text " + std::to_string(i), "");
        const Poco::JSON::Array::Ptr messages = hub->board.read("lobby")->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages->size());
        CPPUNIT_ASSERT_EQUAL(std::string("text 11"), messages->getObject(0)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::string("text 12"), messages->getObject(1)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), hub->state.list("messages:lobby").size());
    }

    void testJoinAndLeaveArePublished()
    {
        auto hub = make();
        const std::string token = hub->board.join("lobby", "ann", "")->getValue<std::string>("member");
        hub->board.join("lobby", "bob", "");
        CPPUNIT_ASSERT_EQUAL(std::string("[\"ann\",\"bob\"]"), hub->members());
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { hub->board.leave("lobby", "bob", token); }));
        hub->board.leave("lobby", "ann", token);
        CPPUNIT_ASSERT_EQUAL(std::string("[\"bob\"]"), hub->members());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), hub->published.size());
        CPPUNIT_ASSERT(hub->published[0].rfind("chat.lobby join {\"nick\":\"ann\"", 0) == 0);
        CPPUNIT_ASSERT(hub->published[2].rfind("chat.lobby leave {\"nick\":\"ann\"", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(404, statusOf([&] { hub->board.leave("lobby", "ann", token); }));
    }

    void testNicknameIsUniqueInItsRoom()
    {
        auto hub = make();
        hub->board.join("lobby", "Ann", "");
        CPPUNIT_ASSERT_EQUAL(409, statusOf([&] { hub->board.join("lobby", "ann", ""); }));
        CPPUNIT_ASSERT_NO_THROW(hub->board.join("kitchen", "ann", ""));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), hub->published.size());
    }

    void testMemberNicknameNeedsItsToken()
    {
        auto hub = make();
        ChatBoard& board = hub->board;
        const std::string ann = board.join("lobby", "ann", "")->getValue<std::string>("member");
        const std::string bob = board.join("lobby", "bob", "")->getValue<std::string>("member");
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board.post("lobby", "ann", "forged", ""); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board.post("lobby", "ann", "forged", bob); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board.post("lobby", "ann", "forged", "not-a-token"); }));
        CPPUNIT_ASSERT_NO_THROW(board.post("lobby", "ann", "mine", ann));
        CPPUNIT_ASSERT_NO_THROW(board.post("lobby", "guest", "not a member's name", ""));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), board.read("lobby")->getArray("messages")->size());
        // The state keeps the token's digest, not the token.
        CPPUNIT_ASSERT(hub->state.get("members:lobby", "ann")->value.find(ann) == std::string::npos);
    }

    void testJoinAgainWithTokenIsAHeartbeat()
    {
        auto hub = make();
        const std::string token = hub->board.join("lobby", "ann", "")->getValue<std::string>("member");
        CPPUNIT_ASSERT_EQUAL(token, hub->board.join("lobby", "ann", token)->getValue<std::string>("member"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), hub->published.size());
        CPPUNIT_ASSERT_EQUAL(409, statusOf([&] { hub->board.join("lobby", "ANN", token); }));
    }

    void testIdleMembersLeave()
    {
        ChatBoard::Limits limits;
        limits.memberTimeout = Poco::Timespan(30, 0);
        auto hub = make(limits);
        hub->board.join("lobby", "ann", "");
        hub->board.expire(Poco::Timestamp() + 10 * Poco::Timespan::SECONDS);
        CPPUNIT_ASSERT_EQUAL(std::string("[\"ann\"]"), hub->members());
        hub->board.expire(Poco::Timestamp() + 31 * Poco::Timespan::SECONDS);
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), hub->members());
        CPPUNIT_ASSERT(hub->published.back().rfind("chat.lobby leave {\"nick\":\"ann\"", 0) == 0);
        CPPUNIT_ASSERT_NO_THROW(hub->board.join("lobby", "ann", ""));
    }

    void testLimits()
    {
        ChatBoard::Limits limits;
        limits.maxRooms = 2;
        limits.maxMessageBytes = 5;
        limits.maxMembers = 1;
        auto hub = make(limits);
        ChatBoard& board = hub->board;
        CPPUNIT_ASSERT_EQUAL(413, statusOf([&] { board.post("lobby", "ann", "123456", ""); }));
        CPPUNIT_ASSERT_NO_THROW(board.post("lobby", "ann", "\xc3\xa9\xc3\xa9!", ""));
        board.post("kitchen", "ann", "hi", "");
        CPPUNIT_ASSERT_EQUAL(507, statusOf([&] { board.post("attic", "ann", "hi", ""); }));
        board.join("lobby", "ann", "");
        CPPUNIT_ASSERT_EQUAL(507, statusOf([&] { board.join("lobby", "bob", ""); }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), board.rooms()->size());
    }

    void testBadInputChangesNothing()
    {
        auto hub = make();
        ChatBoard& board = hub->board;
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.post("lobby", "", "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.post("lobby", "ann", "", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.post("lobby", "ann", "bad \xff", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.post("lobby", std::string(65, 'a'), "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.join("lobby", "new\nline", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.post("no room", "ann", "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(400, statusOf([&] { board.read("a.b"); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { board.post("attic", "ann", "hi", "forged-token"); }));
        CPPUNIT_ASSERT(hub->published.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board.rooms()->size());
    }

    void testStateOutlivesTheBoard()
    {
        std::string token;
        {
            auto hub = make();
            token = hub->board.join("attic", "ann", "")->getValue<std::string>("member");
            hub->board.post("attic", "ann", "still here?", token);
        }
        auto restarted = make();
        CPPUNIT_ASSERT_EQUAL(std::string("[\"ann\"]"), restarted->members("attic"));
        const Poco::JSON::Array::Ptr messages = restarted->board.read("attic")->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages->size());
        CPPUNIT_ASSERT_EQUAL(std::string("still here?"),
                             messages->getObject(0)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), restarted->board.rooms()->size());
        CPPUNIT_ASSERT_NO_THROW(restarted->board.post("attic", "ann", "yes", token));
    }

    void testAJoinOnOneHubIsListedOnTheOther()
    {
        auto a = make();
        auto c = make();
        const std::string token = c->board.join("kitchen", "carol", "")->getValue<std::string>("member");
        CPPUNIT_ASSERT_EQUAL(std::string("[\"carol\"]"), a->members("kitchen"));
        CPPUNIT_ASSERT_EQUAL(std::string("[\"kitchen\",\"lobby\"]"), roomNames(*a));
        CPPUNIT_ASSERT(a->board.roomNames() == std::set<std::string>({"kitchen", "lobby"}));
        // A heartbeat or a leave with the token works on any hub; each event goes out once, where it happened.
        CPPUNIT_ASSERT_EQUAL(token,
                             a->board.join("kitchen", "carol", token)->getValue<std::string>("member"));
        a->board.leave("kitchen", "carol", token);
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), c->members("kitchen"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), c->count("join"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), c->count("leave"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), a->count("join"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), a->count("leave"));
    }

    void testNicknameIsUniqueAcrossHubs()
    {
        auto a = make();
        auto b = make();
        const std::string token = a->board.join("lobby", "ann", "")->getValue<std::string>("member");
        CPPUNIT_ASSERT_EQUAL(409, statusOf([&] { b->board.join("lobby", "ANN", ""); }));
        CPPUNIT_ASSERT_EQUAL(403, statusOf([&] { b->board.post("lobby", "ann", "forged", ""); }));
        CPPUNIT_ASSERT_NO_THROW(b->board.post("lobby", "Ann", "mine", token));

        // Hubs racing to give one nickname: exactly one of them does, for each.
        const int nicks = 20;
        std::atomic<int> joined{0};
        std::atomic<int> refused{0};
        std::atomic<int> other{0};
        std::atomic<int> ready{0};
        auto race = [&](ChatBoard& board) {
            ++ready;
            while (ready.load() < 2)
                std::this_thread::yield();
            for (int i = 0; i < nicks; ++i)
            {
                const int status = statusOf([&] { board.join("lobby", "racer" + std::to_string(i), ""); });
                (status == 0 ? joined : status == 409 ? refused : other)++;
            }
        };
        std::thread onA(race, std::ref(a->board));
        std::thread onB(race, std::ref(b->board));
        onA.join();
        onB.join();
        CPPUNIT_ASSERT_EQUAL(0, other.load());
        CPPUNIT_ASSERT_EQUAL(nicks, joined.load());
        CPPUNIT_ASSERT_EQUAL(nicks, refused.load());
        CPPUNIT_ASSERT_EQUAL(std::size_t(nicks + 1), a->count("join") + b->count("join"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(nicks + 1), b->board.read("lobby")->getArray("members")->size());

        // B gives the nickname while A is about to: A reads again and refuses it.
        const std::size_t joinsOnA = a->count("join");
        a->state.interleave("members:lobby", [&] { b->board.join("lobby", "dan", ""); });
        CPPUNIT_ASSERT_EQUAL(409, statusOf([&] { a->board.join("lobby", "dan", ""); }));
        CPPUNIT_ASSERT_EQUAL(joinsOnA, a->count("join"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(nicks + 2), a->count("join") + b->count("join"));
    }

    void testMessagesPostedOnOneHubAreReadOnTheOther()
    {
        ChatBoard::Limits limits;
        limits.history = 3;
        auto a = make(limits);
        auto b = make(limits);
        for (int i = 1; i <= 4; ++i)
            (i % 2 ? a : b)->board.post("lobby", "ann", "text " + std::to_string(i), "");
        const Poco::JSON::Array::Ptr messages = b->board.read("lobby")->getArray("messages");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), messages->size());
        for (unsigned i = 0; i < 3; ++i)
            CPPUNIT_ASSERT_EQUAL("text " + std::to_string(i + 2),
                                 messages->getObject(i)->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::string("chat.lobby:4"),
                             messages->getObject(2)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(3, a->board.rooms()->getObject(0)->getValue<int>("messages"));
    }

    void testExpiryByEitherHubPublishesLeaveOnce()
    {
        ChatBoard::Limits limits;
        limits.memberTimeout = Poco::Timespan(30, 0);
        auto a = make(limits);
        auto b = make(limits);
        const Poco::Timestamp later = Poco::Timestamp() + 31 * Poco::Timespan::SECONDS;
        const int members = 20;
        for (int round = 1; round <= 3; ++round)
        {
            for (int i = 0; i < members; ++i)
                a->board.join("lobby", "member" + std::to_string(i), "");
            // Both sweep at once, each seeing every member idle.
            std::atomic<int> ready{0};
            auto sweep = [&ready, later](ChatBoard& board) {
                ++ready;
                while (ready.load() < 2)
                    std::this_thread::yield();
                board.expire(later);
            };
            std::thread onA(sweep, std::ref(a->board));
            std::thread onB(sweep, std::ref(b->board));
            onA.join();
            onB.join();
            CPPUNIT_ASSERT_EQUAL(std::size_t(round * members), a->count("leave") + b->count("leave"));
            CPPUNIT_ASSERT_EQUAL(std::string("[]"), b->members());
        }
        b->board.expire(later);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3 * members), a->count("leave") + b->count("leave"));

        // B sweeps between A's reading the members and A's removing them: A's removals lose.
        const std::size_t leftOnA = a->count("leave");
        for (int i = 0; i < members; ++i)
            a->board.join("lobby", "member" + std::to_string(i), "");
        a->state.interleave("members:lobby", [&] { b->board.expire(later); });
        a->board.expire(later);
        CPPUNIT_ASSERT_EQUAL(leftOnA, a->count("leave"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(4 * members), a->count("leave") + b->count("leave"));

        // A member seen on B between A's reading and A's removing it stays.
        const std::string eve = a->board.join("lobby", "eve", "")->getValue<std::string>("member");
        a->state.interleave("members:lobby", [&] { b->board.join("lobby", "eve", eve); });
        a->board.expire(later);
        CPPUNIT_ASSERT_EQUAL(std::string("[\"eve\"]"), a->members());
        CPPUNIT_ASSERT_EQUAL(std::size_t(4 * members), a->count("leave") + b->count("leave"));
    }

    void testLimitsCountEveryHubsRoomsAndMembers()
    {
        ChatBoard::Limits limits;
        limits.maxRooms = 2;
        limits.maxMembers = 1;
        auto a = make(limits);
        auto b = make(limits);
        a->board.post("attic", "ann", "hi", "");
        CPPUNIT_ASSERT_EQUAL(std::string("507 the chat holds its maximum of 2 rooms"),
                             errorOf([&] { b->board.post("cellar", "bob", "hi", ""); }));
        CPPUNIT_ASSERT_EQUAL(std::string("[\"attic\",\"lobby\"]"), roomNames(*b));
        b->board.join("lobby", "bob", "");
        CPPUNIT_ASSERT_EQUAL(507, statusOf([&] { a->board.join("lobby", "ann", ""); }));
    }

private:
    std::unique_ptr<Hub> make(ChatBoard::Limits limits = {})
    {
        return std::make_unique<Hub>(_folder + "/chat.db", limits, _sequence);
    }

    static std::string roomNames(const Hub& hub)
    {
        const Poco::JSON::Array::Ptr rooms = hub.board.rooms();
        Poco::JSON::Array::Ptr names = new Poco::JSON::Array;
        for (unsigned i = 0; i < rooms->size(); ++i)
            names->add(rooms->getObject(i)->getValue<std::string>("room"));
        return feedhub::JsonText::format(names);
    }

    static std::string errorOf(const std::function<void()>& action)
    {
        try
        {
            action();
        }
        catch (const HttpError& error)
        {
            return std::to_string(error.status()) + " " + error.what();
        }
        return "no error";
    }

    std::string _folder;
    std::atomic<int> _sequence{0};
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChatBoardTest);
