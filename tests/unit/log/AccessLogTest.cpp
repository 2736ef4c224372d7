//
// AccessLogTest.cpp
//

#include "log/AccessLog.h"
#include "log/JsonLogFormatter.h"
#include "Poco/AutoPtr.h"
#include "Poco/Channel.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Logger.h"
#include "Poco/Message.h"
#include <cppunit/extensions/HelperMacros.h>
#include <vector>

using feedhub::AccessLog;

class AccessLogTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AccessLogTest);
    CPPUNIT_TEST(testLineSaysMethodPathStatusBytesDuration);
    CPPUNIT_TEST(testTokenIsRedacted);
    CPPUNIT_TEST(testSilentUnlessEnabled);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _kept = new Keeper;
        Poco::Logger& logger = Poco::Logger::get(AccessLog::LOGGER);
        _previousChannel = logger.getChannel();
        _previousLevel = logger.getLevel();
        logger.setChannel(_kept);
        logger.setLevel(Poco::Message::PRIO_INFORMATION);
    }

    void tearDown() override
    {
        Poco::Logger& logger = Poco::Logger::get(AccessLog::LOGGER);
        logger.setChannel(_previousChannel);
        logger.setLevel(_previousLevel);
    }

    void testLineSaysMethodPathStatusBytesDuration()
    {
        CPPUNIT_ASSERT(AccessLog::enabled());
        AccessLog::record("POST", "/publish", 201, 312, Poco::Timespan(0, 1500));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _kept->messages.size());
        const Poco::Message& message = _kept->messages[0];
        CPPUNIT_ASSERT_EQUAL(std::string("POST /publish 201 312 B 1.5 ms"), message.getText());
        CPPUNIT_ASSERT_EQUAL(AccessLog::LOGGER, message.getSource());
        const Poco::JSON::Object::Ptr fields = Poco::JSON::Parser()
                                                   .parse(message.get(feedhub::JsonLogFormatter::FIELDS))
                                                   .extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), fields->getValue<std::string>("method"));
        CPPUNIT_ASSERT_EQUAL(std::string("/publish"), fields->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(201, fields->getValue<int>("status"));
        CPPUNIT_ASSERT_EQUAL(312, fields->getValue<int>("bytes"));
        CPPUNIT_ASSERT_EQUAL(1.5, fields->getValue<double>("duration_ms"));
    }

    void testTokenIsRedacted()
    {
        AccessLog::record("GET", "/events?topic=private.a&token=eyJsecret", 200, 100, Poco::Timespan());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _kept->messages.size());
        CPPUNIT_ASSERT(_kept->messages[0].getText().find("eyJsecret") == std::string::npos);
        CPPUNIT_ASSERT(_kept->messages[0].get(feedhub::JsonLogFormatter::FIELDS).find("eyJsecret") ==
                       std::string::npos);
        CPPUNIT_ASSERT(_kept->messages[0].getText().find("token=[redacted]") != std::string::npos);
    }

    void testSilentUnlessEnabled()
    {
        Poco::Logger::get(AccessLog::LOGGER).setLevel(0);
        CPPUNIT_ASSERT(!AccessLog::enabled());
    }

private:
    class Keeper : public Poco::Channel
    {
    public:
        void log(const Poco::Message& message) override { messages.push_back(message); }
        std::vector<Poco::Message> messages;
    };

    Poco::AutoPtr<Keeper> _kept;
    Poco::AutoPtr<Poco::Channel> _previousChannel;
    int _previousLevel = 0;
};

CPPUNIT_TEST_SUITE_REGISTRATION(AccessLogTest);
