//
// SlowConsumerResumeTest.cpp
//

#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

namespace
{

constexpr int BATCH = 100;

std::vector<std::string> publishBatch(Poco::UInt16 port, const std::string& topic, int first)
{
    std::string body = "[";
    for (int i = 0; i < BATCH; ++i)
    {
        // 100 bytes of data each.
        std::string data = std::to_string(first + i);
        data += std::string(100 - data.size(), '.');
        body += std::string(i ? "," : "") + "{\"topic\":\"" + topic + "\",\"data\":\"" + data + "\"}";
    }
    body += "]";
    const HttpCall::Result result = HttpCall::post(port, "/publish", body);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 201, result.status);
    std::vector<std::string> ids;
    Poco::JSON::Array::Ptr array = result.json().extract<Poco::JSON::Object::Ptr>()->getArray("ids");
    for (std::size_t i = 0; i < array->size(); ++i)
        ids.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
    return ids;
}

} // namespace

class SlowConsumerResumeTest : public CppUnit::TestFixture
    /// A subscriber cut off for falling behind resumes with nothing lost,
    /// though memory holds far less than it missed: the journal has it.
{
    CPPUNIT_TEST_SUITE(SlowConsumerResumeTest);
    CPPUNIT_TEST(testDisconnectedSubscriberResumesWithEveryEvent);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDisconnectedSubscriberResumesWithEveryEvent()
    {
        TestDaemon hub(
            TestDaemon::Settings{{"sse.heartbeat_seconds", "0"}, {"history.memory_budget_bytes", "262144"}});
        SseClient stalled(hub.port(), "/events?topic=feed", {}, 4096);
        std::vector<std::string> ids;
        int afterDrop = -1;
        while (afterDrop < 20 && ids.size() < 200000)
        {
            for (const std::string& id : publishBatch(hub.port(), "feed", static_cast<int>(ids.size())))
                ids.push_back(id);
            if (afterDrop >= 0)
                ++afterDrop;
            else if (hub.logContains("disconnecting a subscriber"))
                afterDrop = 0;
        }
        CPPUNIT_ASSERT_MESSAGE("the stalled subscriber was never disconnected", afterDrop >= 0);

        std::vector<std::string> seen;
        SseClient::Event event;
        while (stalled.next(event, 5000))
            seen.push_back(event.id);
        CPPUNIT_ASSERT(stalled.waitForClose(5000));
        CPPUNIT_ASSERT(seen.size() < ids.size());
        for (std::size_t i = 0; i < seen.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(ids[i], seen[i]);

        const std::string first = ids[0].substr(ids[0].rfind(':') + 1);
        const std::string before = std::to_string(std::stoull(first) - 1);
        SseClient resumed(hub.port(), "/events?topic=feed",
                          {{"Last-Event-ID", seen.empty() ? before : seen.back()}});
        for (std::size_t i = seen.size(); i < ids.size(); ++i)
        {
            const SseClient::Event next = resumed.expect();
            CPPUNIT_ASSERT_MESSAGE("history no longer reached back", next.type != "feedhub.truncated");
            CPPUNIT_ASSERT_EQUAL(ids[i], next.id);
        }
        CPPUNIT_ASSERT_MESSAGE("fewer events missed than memory holds", ids.size() - seen.size() > 2000);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SlowConsumerResumeTest);
