//
// JournalErrorsTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/DirectoryIterator.h"
#include "Poco/File.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

namespace
{

std::string startFailure(const TestDaemon::Settings& settings, const std::vector<std::string>& launcher = {})
{
    try
    {
        TestDaemon hub(settings, "", launcher);
    }
    catch (const Poco::RuntimeException& e)
    {
        return e.message();
    }
    CPPUNIT_FAIL("the daemon started");
    return std::string();
}

} // namespace

class JournalErrorsTest : public CppUnit::TestFixture
    /// A journal the hub cannot use stops it with the file and the reason; a
    /// corrupt one is moved aside; a full disk refuses publishes with 503.
{
    CPPUNIT_TEST_SUITE(JournalErrorsTest);
    CPPUNIT_TEST(testNotAJournalIsRefused);
    CPPUNIT_TEST(testLockedJournalIsRefused);
    CPPUNIT_TEST(testUnwritableFolderIsRefused);
    CPPUNIT_TEST(testCorruptJournalIsMovedAside);
    CPPUNIT_TEST(testFullDiskAnswers503AndAcknowledgesOnlyWhatIsStored);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        _db = _dir + "/history.db";
    }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testNotAJournalIsRefused()
    {
        std::ofstream(_db) << "name,price\nAAPL,189.50\n" << std::string(200, ' ');
        const std::string said = startFailure({{"history.database", _db}});
        CPPUNIT_ASSERT_MESSAGE(said,
                               said.find(_db + " is not a feedhub history journal") != std::string::npos);
        std::ifstream in(_db);
        std::string first;
        std::getline(in, first);
        CPPUNIT_ASSERT_EQUAL(std::string("name,price"), first);
    }

    void testLockedJournalIsRefused()
    {
        TestDaemon running({{"history.database", _db}});
        const std::string said = startFailure({{"history.database", _db}});
        CPPUNIT_ASSERT_MESSAGE(said, said.find("the history journal " + _db +
                                               " is in use by another process") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(running.port(), "/healthz").status);
    }

    void testUnwritableFolderIsRefused()
    {
        const std::string folder = _dir + "/readonly";
        Poco::File(folder).createDirectories();
        Poco::File(folder).setWriteable(false);
        Poco::File(_dir).setExecutable(true);
        // As an unprivileged user: root writes anywhere.
        const std::string said =
            startFailure({{"history.database", folder + "/history.db"}},
                         {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
        CPPUNIT_ASSERT_MESSAGE(said, said.find("cannot write in the folder " + folder) != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(said, said.find("Permission denied") != std::string::npos);
    }

    void testCorruptJournalIsMovedAside()
    {
        {
            TestDaemon hub({{"history.database", _db}});
            for (int i = 0; i < 200; ++i)
                HttpCall::publish(hub.port(), "t", std::string(500, 'x'));
        }
        {
            // Garbage over everything after the first page.
            std::fstream file(_db, std::ios::in | std::ios::out | std::ios::binary);
            file.seekp(4096);
            const std::string garbage(Poco::File(_db).getSize() - 4096, '\xA5');
            file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        }
        TestDaemon hub({{"history.database", _db}});
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.logContains("the history journal " + _db + " is corrupt"));
        CPPUNIT_ASSERT(hub.logContains("moved it to " + _db + ".corrupt-"));
        bool movedAside = false;
        for (Poco::DirectoryIterator it(_dir), end; it != end; ++it)
            movedAside = movedAside || it.name().rfind("history.db.corrupt-", 0) == 0;
        CPPUNIT_ASSERT(movedAside);
        CPPUNIT_ASSERT_EQUAL(201,
                             HttpCall::post(hub.port(), "/publish?topic=t", "fresh", "text/plain").status);
    }

    void testFullDiskAnswers503AndAcknowledgesOnlyWhatIsStored()
    {
        const TestDaemon::Settings settings{{"history.database", _db}, {"sse.heartbeat_seconds", "0"}};
        std::vector<std::string> acknowledged;
        const std::string first = [&] {
            // Files of at most 256 KB, the journal's WAL among them: a disk that fills.
            TestDaemon hub(settings, "", {"/usr/bin/prlimit", "--fsize=262144"});
            SseClient subscriber(hub.port(), "/events?topic=full");
            HttpCall::Result result;
            for (int i = 0; i < 1000; ++i)
            {
                result =
                    HttpCall::post(hub.port(), "/publish?topic=full", std::string(4000, 'd'), "text/plain");
                if (result.status != 201)
                    break;
                acknowledged.push_back(result.jsonString("id"));
            }
            CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 503, result.status);
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), result.response.getContentType());
            CPPUNIT_ASSERT_MESSAGE(result.body,
                                   result.jsonString("error").find("history journal") != std::string::npos);
            CPPUNIT_ASSERT(!acknowledged.empty());
            // The subscriber got exactly what was acknowledged, and stays connected.
            for (const std::string& id : acknowledged)
                CPPUNIT_ASSERT_EQUAL(id, subscriber.expect().id);
            SseClient::Event extra;
            CPPUNIT_ASSERT(!subscriber.next(extra, 300));
            CPPUNIT_ASSERT_EQUAL(1, HubStatus::subscribers(hub.port(), "full"));
            return acknowledged.front();
        }();
        // Without the limit, the hub has every acknowledged event and no other.
        TestDaemon hub(settings);
        const std::string before = std::to_string(std::stoull(first.substr(first.rfind(':') + 1)) - 1);
        SseClient resumed(hub.port(), "/events?topic=full", {{"Last-Event-ID", before}});
        for (const std::string& id : acknowledged)
            CPPUNIT_ASSERT_EQUAL(id, resumed.expect().id);
        SseClient::Event extra;
        CPPUNIT_ASSERT(!resumed.next(extra, 300));
    }

private:
    std::string _dir;
    std::string _db;
};

CPPUNIT_TEST_SUITE_REGISTRATION(JournalErrorsTest);
