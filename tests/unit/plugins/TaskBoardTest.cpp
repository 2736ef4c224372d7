//
// TaskBoardTest.cpp
//

#include "TaskBoard.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "TestDaemon.h"
#include "state/SqliteFeedState.h"
#include <cppunit/extensions/HelperMacros.h>
#include <chrono>
#include <algorithm>
#include <future>
#include <mutex>
#include <thread>

using feedhub::task_status::TaskBoard;
using feedhub::task_status::TaskState;

class TaskBoardTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TaskBoardTest);
    CPPUNIT_TEST(testDeclaredTasksStartAtFirstStatus);
    CPPUNIT_TEST(testEveryAllowedStatusCanFollowAnyOther);
    CPPUNIT_TEST(testEachUpdateRaisesVersionByOne);
    CPPUNIT_TEST(testVersionsAreCountedPerTask);
    CPPUNIT_TEST(testFirstUpdateCreatesTask);
    CPPUNIT_TEST(testInvalidStatusRefusedAndNothingChanges);
    CPPUNIT_TEST(testInvalidTaskNameRefused);
    CPPUNIT_TEST(testFullBoardRefusesNewTasks);
    CPPUNIT_TEST(testListenerHearsEveryChangeInOrder);
    CPPUNIT_TEST(testReadersDoNotWaitForAnUpdate);
    CPPUNIT_TEST(testStateSurvivesReopening);
    CPPUNIT_TEST(testDeclaredTaskKeepsStoredState);
    CPPUNIT_TEST(testBoardsOnOneStateTakeTurns);
    CPPUNIT_TEST(testHeardChangeKeptOnlyIfNewer);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }

    void tearDown() override
    {
        _states.clear();
        Poco::File(_dir).remove(true);
    }

    void testDeclaredTasksStartAtFirstStatus()
    {
        TaskBoard board = open({"build", "deploy"});
        const std::vector<TaskState> all = board.all();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), all.size());
        CPPUNIT_ASSERT_EQUAL(std::string("build"), all[0].task);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), all[0].status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), all[0].version);
        CPPUNIT_ASSERT_EQUAL(std::string("deploy"), all[1].task);
    }

    void testEveryAllowedStatusCanFollowAnyOther()
    {
        TaskBoard board = open({"build"});
        for (const std::string& from : STATUSES)
        {
            for (const std::string& to : STATUSES)
            {
                board.update("build", from);
                CPPUNIT_ASSERT_EQUAL(to, board.update("build", to).status);
                CPPUNIT_ASSERT_EQUAL(to, board.find("build")->status);
            }
        }
    }

    void testEachUpdateRaisesVersionByOne()
    {
        TaskBoard board = open({"build"});
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), board.update("build", "running").version);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), board.update("build", "done").version);
        // Setting the same status again is still a change a poller must see.
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), board.update("build", "done").version);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), board.find("build")->version);
    }

    void testVersionsAreCountedPerTask()
    {
        TaskBoard board = open({"build", "deploy"});
        board.update("build", "running");
        board.update("build", "done");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), board.update("deploy", "running").version);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), board.find("build")->version);
    }

    void testFirstUpdateCreatesTask()
    {
        TaskBoard board = open({});
        CPPUNIT_ASSERT(!board.find("nightly"));
        const TaskState state = board.update("nightly", "running");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), state.version);
        CPPUNIT_ASSERT_EQUAL(std::string("running"), board.find("nightly")->status);
    }

    void testInvalidStatusRefusedAndNothingChanges()
    {
        TaskBoard board = open({"build"});
        board.update("build", "running");
        try
        {
            board.update("build", "exploded");
            CPPUNIT_FAIL("an unknown status was accepted");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("\"status\" must be one of: pending, running, done, failed"),
                                 exc.message());
        }
        CPPUNIT_ASSERT_THROW(board.update("build", "Running"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(board.update("build", ""), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(std::string("running"), board.find("build")->status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), board.find("build")->version);
        CPPUNIT_ASSERT_THROW(board.update("other", "exploded"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT(!board.find("other"));
    }

    void testInvalidTaskNameRefused()
    {
        TaskBoard board = open({});
        for (const std::string& name :
             {std::string(), std::string("a b"), std::string("x/y"), std::string(65, 'a')})
            CPPUNIT_ASSERT_THROW(board.update(name, "done"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT(board.all().empty());
    }

    void testFullBoardRefusesNewTasks()
    {
        TaskBoard board(TaskBoard::Limits{STATUSES, 2}, {"a"}, store(), [](const TaskState&) {});
        board.update("b", "done");
        CPPUNIT_ASSERT_THROW(board.update("c", "done"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), board.update("b", "failed").version);
    }

    void testListenerHearsEveryChangeInOrder()
    {
        std::vector<TaskState> heard;
        TaskBoard board(TaskBoard::Limits{STATUSES, 10}, {"build"}, store(),
                        [&heard](const TaskState& state) { heard.push_back(state); });
        CPPUNIT_ASSERT(heard.empty());
        board.update("build", "running");
        CPPUNIT_ASSERT_THROW(board.update("build", "bad"), Poco::InvalidArgumentException);
        board.update("build", "done");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), heard.size());
        CPPUNIT_ASSERT_EQUAL(std::string("running"), heard[0].status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), heard[0].version);
        CPPUNIT_ASSERT_EQUAL(std::string("done"), heard[1].status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), heard[1].version);
    }

    void testReadersDoNotWaitForAnUpdate()
    {
        // A long poll checks the board from an event loop, which must never
        // wait for an update's write: another thread reads the board while
        // an update is under way (its listener runs before update() returns).
        bool readInTime = false;
        Poco::Int64 seen = 0;
        TaskBoard* reading = nullptr;
        TaskBoard board(TaskBoard::Limits{STATUSES, 10}, {"build"}, store(), [&](const TaskState&) {
            std::promise<void> done;
            std::future<void> finished = done.get_future();
            std::thread reader([&] {
                seen = reading->find("build")->version;
                done.set_value();
            });
            readInTime = finished.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
            if (readInTime)
                reader.join();
            else
                reader.detach();
        });
        reading = &board;
        board.update("build", "running");
        CPPUNIT_ASSERT(readInTime);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), seen);
    }

    void testStateSurvivesReopening()
    {
        Poco::Timestamp changed;
        {
            TaskBoard board = open({"build"});
            board.update("build", "running");
            changed = board.update("build", "failed").time;
            board.update("adhoc", "done");
        }
        TaskBoard board = open({"build"});
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), board.find("build")->status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), board.find("build")->version);
        CPPUNIT_ASSERT(changed == board.find("build")->time);
        CPPUNIT_ASSERT_EQUAL(std::string("done"), board.find("adhoc")->status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), board.update("build", "running").version);
    }

    void testDeclaredTaskKeepsStoredState()
    {
        {
            TaskBoard board = open({"build"});
            board.update("build", "done");
        }
        TaskBoard board = open({"build", "deploy"});
        CPPUNIT_ASSERT_EQUAL(std::string("done"), board.find("build")->status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), board.find("build")->version);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), board.find("deploy")->status);
    }

    void testBoardsOnOneStateTakeTurns()
    {
        // Two hubs of a cluster: each hears the other's changes through the
        // events, and racing updates of one task get consecutive versions.
        feedhub::FeedState& shared = store();
        std::unique_ptr<TaskBoard> boards[2];
        std::mutex heardMutex;
        std::vector<Poco::Int64> versions;
        for (int i = 0; i < 2; ++i)
        {
            boards[i] = std::make_unique<TaskBoard>(
                TaskBoard::Limits{STATUSES, 100}, std::vector<std::string>{"build"}, shared,
                [&, i](const TaskState& state) {
                    boards[1 - i]->heard(TaskState::fromJson(*state.toJson()));
                    std::lock_guard<std::mutex> lock(heardMutex);
                    versions.push_back(state.version);
                });
        }
        std::vector<std::thread> updaters;
        for (int i = 0; i < 2; ++i)
            updaters.emplace_back([&, i] {
                for (int n = 0; n < 50; ++n)
                    boards[i]->update("build", STATUSES[n % STATUSES.size()]);
            });
        for (std::thread& updater : updaters)
            updater.join();
        std::sort(versions.begin(), versions.end());
        CPPUNIT_ASSERT_EQUAL(std::size_t(100), versions.size());
        for (std::size_t i = 0; i < versions.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(Poco::Int64(i + 2), versions[i]);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(101), boards[0]->find("build")->version);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(101), boards[1]->find("build")->version);
        CPPUNIT_ASSERT_EQUAL(boards[0]->find("build")->status, boards[1]->find("build")->status);
    }

    void testHeardChangeKeptOnlyIfNewer()
    {
        TaskBoard board = open({"build"});
        const TaskState made = board.update("build", "done");
        board.heard(TaskState{"build", "failed", made.version, Poco::Timestamp()});
        CPPUNIT_ASSERT_EQUAL(std::string("done"), board.find("build")->status);
        board.heard(TaskState{"build", "failed", made.version + 1, Poco::Timestamp()});
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), board.find("build")->status);
        board.heard(TaskState{"fresh", "running", 1, Poco::Timestamp()});
        CPPUNIT_ASSERT_EQUAL(std::string("running"), board.find("fresh")->status);
    }

private:
    feedhub::FeedState& store()
    {
        // A state reopened by each call, as a restarted hub opens its file.
        _states.push_back(std::make_unique<feedhub::SqliteFeedState>(_dir + "/state/tasks.db", false));
        return *_states.back();
    }

    TaskBoard open(const std::vector<std::string>& declared)
    {
        return TaskBoard(TaskBoard::Limits{STATUSES, 100}, declared, store(), [](const TaskState&) {});
    }

    std::vector<std::unique_ptr<feedhub::FeedState>> _states;

    const std::vector<std::string> STATUSES = {"pending", "running", "done", "failed"};
    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskBoardTest);
