//
// FeedStateContractTest.cpp
//
// The contract every feed state keeps, run against each implementation:
// SQLite on a temporary file, Redis on a real redis-server.
//

#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Thread.h"
#include "RedisServer.h"
#include "TestDaemon.h"
#include "cluster/RedisBus.h"
#include "feedhub/HttpError.h"
#include "state/RedisFeedState.h"
#include "state/SqliteFeedState.h"
#include <atomic>
#include <cppunit/extensions/HelperMacros.h>
#include <thread>

using feedhub::FeedState;

namespace
{

using Records = std::map<std::string, FeedState::Record>;

std::string valueOf(FeedState& state, const std::string& table, const std::string& key)
{
    const std::optional<FeedState::Record> record = state.get(table, key);
    CPPUNIT_ASSERT_MESSAGE("no record " + table + "/" + key, record.has_value());
    return record->value;
}

Poco::Int64 versionOf(FeedState& state, const std::string& table, const std::string& key)
{
    const std::optional<FeedState::Record> record = state.get(table, key);
    return record ? record->version : FeedState::ABSENT;
}

bool commitRefused(FeedState& state, const std::vector<FeedState::Write>& writes)
{
    try
    {
        state.commit(writes);
        return false;
    }
    catch (const Poco::InvalidArgumentException&)
    {
        return true;
    }
}

} // namespace

class FeedStateContractTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FeedStateContractTest);
    CPPUNIT_TEST(testEmptyStoreHasNothing);
    CPPUNIT_TEST(testVersionsCountWrites);
    CPPUNIT_TEST(testExpectations);
    CPPUNIT_TEST(testFailedExpectationChangesNothing);
    CPPUNIT_TEST(testWritesOfOneRecordInOneCommitChain);
    CPPUNIT_TEST(testRemovedRecordStartsAgainAtOne);
    CPPUNIT_TEST(testTablesAreSeparate);
    CPPUNIT_TEST(testValuesAndKeysAreBytes);
    CPPUNIT_TEST(testEmptyTableOrKeyRefused);
    CPPUNIT_TEST(testEveryInstanceSeesOneStore);
    CPPUNIT_TEST(testOfRacingWritersExactlyOneWins);
    CPPUNIT_TEST(testRetryLoopLosesNoUpdate);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    virtual std::unique_ptr<FeedState> open() = 0;
        /// Another FeedState on the fixture's one store (for Redis: as
        /// another hub would have it).

    void testEmptyStoreHasNothing()
    {
        auto state = open();
        CPPUNIT_ASSERT(!state->get("rooms", "lobby"));
        CPPUNIT_ASSERT(state->list("rooms").empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), state->count("rooms"));
        CPPUNIT_ASSERT(state->commit({}));
    }

    void testVersionsCountWrites()
    {
        auto state = open();
        CPPUNIT_ASSERT(state->put("rooms", "lobby", "one", FeedState::ABSENT));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), versionOf(*state, "rooms", "lobby"));
        CPPUNIT_ASSERT(state->put("rooms", "lobby", "two", 1));
        CPPUNIT_ASSERT(state->put("rooms", "lobby", "three", 2));
        const std::optional<FeedState::Record> record = state->get("rooms", "lobby");
        CPPUNIT_ASSERT(record.has_value());
        CPPUNIT_ASSERT_EQUAL(std::string("three"), record->value);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), record->version);
        const Records all = state->list("rooms");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), all.size());
        CPPUNIT_ASSERT_EQUAL(std::string("three"), all.at("lobby").value);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), all.at("lobby").version);
    }

    void testExpectations()
    {
        auto state = open();
        CPPUNIT_ASSERT(!state->put("t", "k", "v", 1));
        CPPUNIT_ASSERT(!state->get("t", "k"));
        CPPUNIT_ASSERT(state->put("t", "k", "made", FeedState::ABSENT));
        CPPUNIT_ASSERT(!state->put("t", "k", "again", FeedState::ABSENT));
        CPPUNIT_ASSERT(!state->put("t", "k", "stale", 2));
        CPPUNIT_ASSERT_EQUAL(std::string("made"), valueOf(*state, "t", "k"));
        CPPUNIT_ASSERT(state->put("t", "k", "any", FeedState::ANY));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), versionOf(*state, "t", "k"));
        CPPUNIT_ASSERT(state->put("t", "new", "any", FeedState::ANY));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), versionOf(*state, "t", "new"));
        CPPUNIT_ASSERT(state->put("t", "k", "exact", 2));
        CPPUNIT_ASSERT_EQUAL(std::string("exact"), valueOf(*state, "t", "k"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), versionOf(*state, "t", "k"));
    }

    void testFailedExpectationChangesNothing()
    {
        auto state = open();
        CPPUNIT_ASSERT(state->commit({{"a", "kept", FeedState::ABSENT, std::string("1")},
                                      {"a", "doomed", FeedState::ABSENT, std::string("2")},
                                      {"b", "other", FeedState::ABSENT, std::string("3")}}));
        // Every write but the last would do; the last expects a stale version.
        CPPUNIT_ASSERT(!state->commit({{"a", "kept", 1, std::string("changed")},
                                       {"a", "doomed", 1, std::nullopt},
                                       {"a", "made", FeedState::ABSENT, std::string("new")},
                                       {"b", "other", 7, std::string("changed")}}));
        const Records a = state->list("a");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), a.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), state->count("a"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), state->count("b"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), a.at("kept").value);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), a.at("kept").version);
        CPPUNIT_ASSERT_EQUAL(std::string("2"), a.at("doomed").value);
        CPPUNIT_ASSERT_EQUAL(std::string("3"), valueOf(*state, "b", "other"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), versionOf(*state, "b", "other"));
        // The same commit with the right version makes all of it.
        CPPUNIT_ASSERT(state->commit({{"a", "kept", 1, std::string("changed")},
                                      {"a", "doomed", 1, std::nullopt},
                                      {"a", "made", FeedState::ABSENT, std::string("new")},
                                      {"b", "other", 1, std::string("changed")}}));
        const Records after = state->list("a");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), after.size());
        CPPUNIT_ASSERT_EQUAL(std::string("changed"), after.at("kept").value);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), after.at("kept").version);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), after.at("made").version);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), versionOf(*state, "b", "other"));
    }

    void testWritesOfOneRecordInOneCommitChain()
    {
        auto state = open();
        CPPUNIT_ASSERT(state->commit({{"t", "k", FeedState::ABSENT, std::string("first")},
                                      {"t", "k", 1, std::string("second")}}));
        CPPUNIT_ASSERT_EQUAL(std::string("second"), valueOf(*state, "t", "k"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), versionOf(*state, "t", "k"));
        // The second write expects what the first leaves: it fails, so both do.
        CPPUNIT_ASSERT(!state->commit({{"t", "k", 2, std::nullopt}, {"t", "k", 2, std::string("back")}}));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), versionOf(*state, "t", "k"));
        CPPUNIT_ASSERT(
            state->commit({{"t", "k", 2, std::nullopt}, {"t", "k", FeedState::ABSENT, std::string("back")}}));
        CPPUNIT_ASSERT_EQUAL(std::string("back"), valueOf(*state, "t", "k"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), versionOf(*state, "t", "k"));
    }

    void testRemovedRecordStartsAgainAtOne()
    {
        auto state = open();
        CPPUNIT_ASSERT(state->put("members", "ann", "a", FeedState::ABSENT));
        CPPUNIT_ASSERT(state->put("members", "ann", "b", 1));
        CPPUNIT_ASSERT(state->put("members", "bob", "c", FeedState::ABSENT));
        CPPUNIT_ASSERT(!state->remove("members", "ann", 1));
        CPPUNIT_ASSERT(state->get("members", "ann").has_value());
        CPPUNIT_ASSERT(state->remove("members", "ann", 2));
        CPPUNIT_ASSERT(!state->get("members", "ann"));
        const Records left = state->list("members");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), left.size());
        CPPUNIT_ASSERT(left.count("bob") == 1);
        CPPUNIT_ASSERT(!state->remove("members", "ann", 2));
        CPPUNIT_ASSERT(state->put("members", "ann", "again", FeedState::ABSENT));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), versionOf(*state, "members", "ann"));
        CPPUNIT_ASSERT(state->remove("members", "bob", FeedState::ANY));
        CPPUNIT_ASSERT(state->remove("members", "ann", FeedState::ANY));
        CPPUNIT_ASSERT(state->list("members").empty());
    }

    void testTablesAreSeparate()
    {
        auto state = open();
        CPPUNIT_ASSERT(state->put("members", "ann", "1", FeedState::ABSENT));
        CPPUNIT_ASSERT(state->put("members:lobby", "ann", "2", FeedState::ABSENT));
        CPPUNIT_ASSERT(state->put("members:lobby", "bob", "3", FeedState::ABSENT));
        CPPUNIT_ASSERT(state->put("lobby", "members", "4", FeedState::ABSENT));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), state->list("members").size());
        CPPUNIT_ASSERT_EQUAL(std::string("1"), valueOf(*state, "members", "ann"));
        const Records lobby = state->list("members:lobby");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), lobby.size());
        CPPUNIT_ASSERT_EQUAL(std::string("2"), lobby.begin()->second.value);
        CPPUNIT_ASSERT_EQUAL(std::string("bob"), lobby.rbegin()->first);
        CPPUNIT_ASSERT(!state->get("members", "bob"));
    }

    void testValuesAndKeysAreBytes()
    {
        auto state = open();
        // Looks like a stored "<version>:" itself, holds NULs, bytes that are
        // not UTF-8 and line ends.
        const char bytes[] = "7:\0head\0\xff\xfe" " tail:\r\n";
        const std::string value(bytes, sizeof bytes - 1);
        const std::string key = "k\xc3\xa9" "y: with spaces";
        const std::string table = "t\xc3\xa4" "ble:x";
        CPPUNIT_ASSERT(state->put(table, key, value, FeedState::ABSENT));
        CPPUNIT_ASSERT(state->put(table, "empty", "", FeedState::ABSENT));
        const std::string read = valueOf(*state, table, key);
        CPPUNIT_ASSERT_EQUAL(value.size(), read.size());
        CPPUNIT_ASSERT(value == read);
        const Records all = state->list(table);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), all.size());
        CPPUNIT_ASSERT(all.at(key).value == value);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), all.at(key).version);
        CPPUNIT_ASSERT(all.at("empty").value.empty());
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), all.at("empty").version);
    }

    void testEmptyTableOrKeyRefused()
    {
        auto state = open();
        CPPUNIT_ASSERT(commitRefused(*state, {{"", "k", FeedState::ANY, std::string("v")}}));
        CPPUNIT_ASSERT(commitRefused(*state, {{"t", "", FeedState::ANY, std::string("v")}}));
        CPPUNIT_ASSERT(commitRefused(*state, {{"t", "k", FeedState::ANY, std::string("v")},
                                              {"t", "", FeedState::ANY, std::nullopt}}));
        CPPUNIT_ASSERT(state->list("t").empty());
        CPPUNIT_ASSERT(state->list("").empty());
    }

    void testEveryInstanceSeesOneStore()
    {
        auto one = open();
        auto other = open();
        CPPUNIT_ASSERT(one->put("rooms", "lobby", "from one", FeedState::ABSENT));
        CPPUNIT_ASSERT_EQUAL(std::string("from one"), valueOf(*other, "rooms", "lobby"));
        CPPUNIT_ASSERT(!other->put("rooms", "lobby", "from other", FeedState::ABSENT));
        CPPUNIT_ASSERT(other->put("rooms", "lobby", "from other", 1));
        CPPUNIT_ASSERT_EQUAL(std::string("from other"), valueOf(*one, "rooms", "lobby"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), versionOf(*one, "rooms", "lobby"));
    }

    void testOfRacingWritersExactlyOneWins()
    {
        std::unique_ptr<FeedState> states[2] = {open(), open()};
        CPPUNIT_ASSERT(states[0]->put("race", "k", "start", FeedState::ABSENT));
        for (Poco::Int64 round = 1; round <= 50; ++round)
        {
            std::atomic<int> ready{0};
            std::atomic<int> wins{0};
            std::thread racers[2];
            for (int i = 0; i < 2; ++i)
            {
                racers[i] = std::thread([&, i] {
                    ++ready;
                    while (ready < 2)
                        std::this_thread::yield();
                    if (states[i]->put("race", "k", "racer " + std::to_string(i), round))
                        ++wins;
                });
            }
            for (std::thread& racer : racers)
                racer.join();
            CPPUNIT_ASSERT_EQUAL(1, wins.load());
            CPPUNIT_ASSERT_EQUAL(round + 1, versionOf(*states[0], "race", "k"));
        }
    }

    void testRetryLoopLosesNoUpdate()
    {
        // Two writers count up one number the way a feed changes a record:
        // read it, change it, commit it expecting what was read, retry if
        // another writer came first.
        std::unique_ptr<FeedState> states[2] = {open(), open()};
        constexpr int EACH = 100;
        std::thread writers[2];
        for (int i = 0; i < 2; ++i)
        {
            writers[i] = std::thread([&, i] {
                FeedState& state = *states[i];
                for (int n = 0; n < EACH; ++n)
                {
                    for (;;)
                    {
                        const std::optional<FeedState::Record> held = state.get("counters", "hits");
                        const int count = held ? std::stoi(held->value) : 0;
                        if (state.put("counters", "hits", std::to_string(count + 1),
                                      held ? held->version : FeedState::ABSENT))
                            break;
                    }
                }
            });
        }
        for (std::thread& writer : writers)
            writer.join();
        CPPUNIT_ASSERT_EQUAL(std::to_string(2 * EACH), valueOf(*states[0], "counters", "hits"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2 * EACH), versionOf(*states[1], "counters", "hits"));
    }
};

class SqliteFeedStateFixture : public FeedStateContractTest
{
    CPPUNIT_TEST_SUB_SUITE(SqliteFeedStateFixture, FeedStateContractTest);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }
    void tearDown() override { Poco::File(_dir).remove(true); }

    std::unique_ptr<FeedState> open() override
    {
        return std::make_unique<feedhub::SqliteFeedState>(_dir + "/feeds/test.db", false);
    }

private:
    std::string _dir;
};

class RedisFeedStateFixture : public FeedStateContractTest
    /// Each open() is another RedisBus on the test's redis-server, as each
    /// hub of a cluster has its own.
{
    CPPUNIT_TEST_SUB_SUITE(RedisFeedStateFixture, FeedStateContractTest);
    CPPUNIT_TEST(testCallsWaitForAStartingLink);
    CPPUNIT_TEST(testUnreachableRedisAnswers503);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _redis = std::make_unique<RedisServer>(); }

    void tearDown() override
    {
        _buses.clear();
        _redis.reset();
    }

    std::unique_ptr<FeedState> open() override
    {
        const std::string node = "node-" + std::to_string(_buses.size());
        _buses.push_back(std::make_unique<feedhub::RedisBus>(feedhub::InProcessBus::Limits(), optionsFor(node)));
        waitUntil(true);
        return std::make_unique<feedhub::RedisFeedState>(_buses.back()->link(), PREFIX, "test", TIMEOUT);
    }

    void testCallsWaitForAStartingLink()
    {
        // As a feed starting with its hub: the bus is still connecting.
        feedhub::RedisBus bus(feedhub::InProcessBus::Limits(), optionsFor("starting"));
        feedhub::RedisFeedState state(bus.link(), PREFIX, "test", TIMEOUT);
        CPPUNIT_ASSERT(state.put("rooms", "lobby", "made", FeedState::ABSENT));
        CPPUNIT_ASSERT_EQUAL(std::string("made"), valueOf(state, "rooms", "lobby"));
    }

    void testUnreachableRedisAnswers503()
    {
        auto state = open();
        CPPUNIT_ASSERT(state->put("t", "k", "before", FeedState::ABSENT));
        _redis->pause();
        // The first call waits out the link's timeout; the link is down after
        // it, and the next calls are answered at once.
        CPPUNIT_ASSERT_EQUAL(503, statusOf([&] { state->get("t", "k"); }));
        waitUntil(false);
        CPPUNIT_ASSERT_EQUAL(503, statusOf([&] { state->list("t"); }));
        CPPUNIT_ASSERT_EQUAL(503, statusOf([&] { state->put("t", "k", "during", 1); }));
        _redis->resume();
        waitUntil(true);
        CPPUNIT_ASSERT_EQUAL(std::string("before"), valueOf(*state, "t", "k"));
        CPPUNIT_ASSERT(state->put("t", "k", "after", 1));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), versionOf(*state, "t", "k"));
    }

private:
    static constexpr const char* PREFIX = "test:";
    static inline const Poco::Timespan TIMEOUT = Poco::Timespan(0, 400 * 1000);

    feedhub::RedisBus::Options optionsFor(const std::string& node) const
    {
        return {feedhub::RedisAddress::parse(_redis->url()), PREFIX, node, TIMEOUT};
    }

    void waitUntil(bool reachable)
    {
        for (int waited = 0; waited < 15000; waited += 20)
        {
            if (_buses.back()->link().reachable() == reachable)
                return;
            Poco::Thread::sleep(20);
        }
        CPPUNIT_FAIL(reachable ? "the bus did not reach Redis" : "the bus did not lose Redis");
    }

    static int statusOf(const std::function<void()>& call)
    {
        try
        {
            call();
        }
        catch (const feedhub::HttpError& error)
        {
            CPPUNIT_ASSERT(std::string(error.what()).rfind("Redis cannot be reached: ", 0) == 0);
            return error.status();
        }
        return 200;
    }

    std::unique_ptr<RedisServer> _redis;
    std::vector<std::unique_ptr<feedhub::RedisBus>> _buses;
};

CPPUNIT_TEST_SUITE_NAMED_REGISTRATION(SqliteFeedStateFixture, "FeedStateContractTest");
CPPUNIT_TEST_SUITE_NAMED_REGISTRATION(RedisFeedStateFixture, "FeedStateContractTest");
CPPUNIT_REGISTRY_ADD_TO_DEFAULT("FeedStateContractTest");
