//
// PollQueryTest.cpp
//

#include "poll/PollQuery.h"
#include "bus/InProcessBus.h"
#include "Poco/Exception.h"
#include "feedhub/HttpError.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::HttpError;
using feedhub::HubSettings;
using feedhub::PollQuery;

class PollQueryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PollQueryTest);
    CPPUNIT_TEST(testDefaults);
    CPPUNIT_TEST(testSinceTakesAnIdOrASequence);
    CPPUNIT_TEST(testTimeout);
    CPPUNIT_TEST(testBadTimeoutIsRefused);
    CPPUNIT_TEST(testBadSinceIsRefused);
    CPPUNIT_TEST(testTopicRules);
    CPPUNIT_TEST(testUnknownParameterIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _settings.defaultTopics = {"notifications"};
        _settings.maxTopicsPerConnection = 2;
        _settings.pollDefaultTimeout = Poco::Timespan(25, 0);
        _settings.pollBatchSize = 50;
    }

    void testDefaults()
    {
        const PollQuery query = read("/poll");
        CPPUNIT_ASSERT(query.topics == std::vector<std::string>({"notifications"}));
        CPPUNIT_ASSERT(!query.since);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan(25, 0).totalMicroseconds(), query.timeout.totalMicroseconds());
        CPPUNIT_ASSERT_EQUAL(std::size_t(50), query.batchSize);
        feedhub::InProcessBus bus(feedhub::InProcessBus::Limits{});
        CPPUNIT_ASSERT(query.waiter(bus)->topics() == query.topics);
    }

    void testSinceTakesAnIdOrASequence()
    {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1234), *read("/poll?topic=a&since=a:1234").since);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1234), *read("/poll?topic=a&since=1234").since);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(99), *read("/poll?topic=a&since=other:topic:99").since);
    }

    void testTimeout()
    {
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan(0, 0).totalMicroseconds(),
                             read("/poll?topic=a&timeout=0").timeout.totalMicroseconds());
        // Above the maximum is not an error; the connection caps the wait.
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan(86400, 0).totalMicroseconds(),
                             read("/poll?topic=a&timeout=86400").timeout.totalMicroseconds());
    }

    void testBadTimeoutIsRefused()
    {
        for (const char* timeout : {"-1", "1.5", "soon", "1e3", "99999999999", " 5"})
        {
            try
            {
                read(std::string("/poll?topic=a&timeout=") + timeout);
                CPPUNIT_FAIL(std::string("accepted timeout=") + timeout);
            }
            catch (const HttpError& error)
            {
                CPPUNIT_ASSERT_EQUAL(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, error.status());
                CPPUNIT_ASSERT(std::string(error.what()).find("timeout") != std::string::npos);
            }
        }
    }

    void testBadSinceIsRefused()
    {
        CPPUNIT_ASSERT_THROW(read("/poll?topic=a&since=yesterday"), Poco::SyntaxException);
        CPPUNIT_ASSERT_THROW(read("/poll?topic=a&since=a:"), Poco::SyntaxException);
    }

    void testTopicRules()
    {
        CPPUNIT_ASSERT(read("/poll?topic=a&topic=b&topic=a").topics == std::vector<std::string>({"a", "b"}));
        CPPUNIT_ASSERT_THROW(read("/poll?topic=a&topic=b&topic=c"), HttpError);
        CPPUNIT_ASSERT_THROW(read("/poll?topic=no%20spaces"), Poco::InvalidArgumentException);
        _settings.defaultTopics.clear();
        CPPUNIT_ASSERT_THROW(read("/poll"), HttpError);
    }

    void testUnknownParameterIsRefused()
    {
        try
        {
            read("/poll?topics=a");
            CPPUNIT_FAIL("a misspelt parameter was ignored");
        }
        catch (const HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, error.status());
            CPPUNIT_ASSERT_EQUAL(std::string("unknown query parameter 'topics': /poll takes topic, since, timeout, token"),
                                 std::string(error.what()));
        }
    }

private:
    PollQuery read(const std::string& target)
    {
        Poco::Net::HTTPRequest head(Poco::Net::HTTPRequest::HTTP_GET, target);
        _request.assign(head, std::string(), Poco::Net::SocketAddress());
        return PollQuery::read(_request, _settings);
    }

    feedhub::HttpRequest _request;

    HubSettings _settings;
};

CPPUNIT_TEST_SUITE_REGISTRATION(PollQueryTest);
