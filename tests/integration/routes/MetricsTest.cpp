//
// MetricsTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/File.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/StreamCopier.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/wait.h>

namespace
{

std::string scrape(Poco::UInt16 port)
{
    const HttpCall::Result result = HttpCall::get(port, "/metrics");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
    return result.body;
}

int promtoolCheck(const std::string& text, std::string& report)
{
    const std::string folder = TestDaemon::makeTempDir();
    std::ofstream(folder + "/metrics.txt") << text;
    const int status = std::system(
        ("promtool check metrics < " + folder + "/metrics.txt > " + folder + "/report.txt 2>&1").c_str());
    std::ifstream in(folder + "/report.txt");
    report.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    Poco::File(folder).remove(true);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

HttpCall::Result getFrom(const std::string& source, Poco::UInt16 port, const std::string& path)
    /// GET from a chosen source address of the loopback range.
{
    Poco::Net::StreamSocket socket;
    socket.impl()->bind(Poco::Net::SocketAddress(source, 0), false);
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", port));
    Poco::Net::HTTPClientSession session(socket);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost("127.0.0.1", port);
    session.sendRequest(request);
    HttpCall::Result result;
    std::istream& in = session.receiveResponse(result.response);
    Poco::StreamCopier::copyToString(in, result.body);
    result.status = result.response.getStatus();
    return result;
}

} // namespace

class MetricsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MetricsTest);
    CPPUNIT_TEST(testSubscribersPublishesAndDeliveriesAreCounted);
    CPPUNIT_TEST(testWaitingPollCountsAsPoll);
    CPPUNIT_TEST(testPromtoolAcceptsTheOutput);
    CPPUNIT_TEST(testRefusalsAreCountedByStatus);
    CPPUNIT_TEST(testAddressNotAllowedIsRefused);
    CPPUNIT_TEST(testDisabledIsNotServed);
    CPPUNIT_TEST(testReloadsAreCounted);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSubscribersPublishesAndDeliveriesAreCounted()
    {
        TestDaemon hub;
        std::vector<std::unique_ptr<SseClient>> subscribers;
        for (int i = 0; i < 3; ++i)
            subscribers.push_back(std::make_unique<SseClient>(hub.port(), "/events?topic=metered"));
        for (int i = 0; i < 5; ++i)
            HttpCall::publish(hub.port(), "metered", "event " + std::to_string(i));
        for (auto& subscriber : subscribers)
        {
            for (int i = 0; i < 5; ++i)
                CPPUNIT_ASSERT_EQUAL("event " + std::to_string(i), subscriber->expect().data);
        }
        const std::string text = scrape(hub.port());
        CPPUNIT_ASSERT_EQUAL(3.0, HubStatus::metric(text, "feedhub_subscriptions"));
        CPPUNIT_ASSERT_EQUAL(3.0, HubStatus::metric(text, "feedhub_connections{transport=\"sse\"}"));
        CPPUNIT_ASSERT_EQUAL(5.0,
                             HubStatus::metric(text, "feedhub_events_published_total{outcome=\"accepted\"}"));
        CPPUNIT_ASSERT_EQUAL(0.0,
                             HubStatus::metric(text, "feedhub_events_published_total{outcome=\"refused\"}"));
        CPPUNIT_ASSERT_EQUAL(15.0,
                             HubStatus::metric(text, "feedhub_events_delivered_total{transport=\"sse\"}"));
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(text, "feedhub_topics"));
        CPPUNIT_ASSERT_EQUAL(5.0, HubStatus::metric(text, "feedhub_history_events"));
        CPPUNIT_ASSERT_EQUAL(5.0, HubStatus::metric(text, "feedhub_publish_latency_seconds_count"));
        CPPUNIT_ASSERT(HubStatus::metric(text, "feedhub_fanout_latency_seconds_count") >= 5.0);
        CPPUNIT_ASSERT(HubStatus::metric(text, "feedhub_bytes_sent_total{transport=\"sse\"}") > 0);
        CPPUNIT_ASSERT(HubStatus::metric(text, "feedhub_history_journal_bytes") > 0);
        CPPUNIT_ASSERT(HubStatus::metric(text, "process_start_time_seconds") > 1.7e9);

        // The subscribers leave: the gauges follow.
        subscribers.clear();
        CPPUNIT_ASSERT(HubStatus::waitFor(
            [&] { return HubStatus::metric(hub.port(), "feedhub_connections{transport=\"sse\"}") == 0; }));
        CPPUNIT_ASSERT_EQUAL(0.0, HubStatus::metric(hub.port(), "feedhub_subscriptions"));
    }

    void testWaitingPollCountsAsPoll()
    {
        TestDaemon hub;
        const std::string cursor = HttpCall::publish(hub.port(), "polled", "first");
        PollClient poller(hub.port());
        poller.send("GET", "/poll?topic=polled&timeout=30&since=" + cursor);
        CPPUNIT_ASSERT(HubStatus::waitFor(
            [&] { return HubStatus::metric(hub.port(), "feedhub_connections{transport=\"poll\"}") == 1; }));
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(hub.port(), "feedhub_subscriptions"));
        HttpCall::publish(hub.port(), "polled", "second");
        CPPUNIT_ASSERT_EQUAL(200, poller.receive().status);
        const std::string text = scrape(hub.port());
        CPPUNIT_ASSERT_EQUAL(0.0, HubStatus::metric(text, "feedhub_connections{transport=\"poll\"}"));
        CPPUNIT_ASSERT_EQUAL(1.0,
                             HubStatus::metric(text, "feedhub_events_delivered_total{transport=\"poll\"}"));
        CPPUNIT_ASSERT_EQUAL(0.0, HubStatus::metric(text, "feedhub_subscriptions"));
        // The kept-alive poller counts as a plain HTTP connection again.
        CPPUNIT_ASSERT(HubStatus::metric(text, "feedhub_connections{transport=\"http\"}") >= 2.0);
    }

    void testPromtoolAcceptsTheOutput()
    {
        TestDaemon hub;
        SseClient subscriber(hub.port(), "/events?topic=linted");
        HttpCall::publish(hub.port(), "linted", "x");
        subscriber.expect();
        HttpCall::get(hub.port(), "/no-such-file");
        const std::string text = scrape(hub.port());
        std::string report;
        const int status = promtoolCheck(text, report);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(report + "\n" + text, 0, status);
    }

    void testRefusalsAreCountedByStatus()
    {
        TestDaemon hub;
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/no-such-file").status);
        CPPUNIT_ASSERT_EQUAL(400, HttpCall::post(hub.port(), "/publish", "{}").status);
        CPPUNIT_ASSERT_EQUAL(400, HttpCall::get(hub.port(), "/metrics?verbose=1").status);
        const std::string text = scrape(hub.port());
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(text, "feedhub_requests_refused_total{status=\"404\"}"));
        CPPUNIT_ASSERT_EQUAL(2.0, HubStatus::metric(text, "feedhub_requests_refused_total{status=\"400\"}"));
        CPPUNIT_ASSERT_EQUAL(1.0,
                             HubStatus::metric(text, "feedhub_events_published_total{outcome=\"refused\"}"));
    }

    void testAddressNotAllowedIsRefused()
    {
        TestDaemon hub(TestDaemon::Settings{{"metrics.allow", "127.0.0.2"}});
        const HttpCall::Result refused = HttpCall::get(hub.port(), "/metrics");
        CPPUNIT_ASSERT_EQUAL(403, refused.status);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"),
                             refused.response.getContentType().substr(0, 16));
        const std::string error = refused.jsonString("error");
        CPPUNIT_ASSERT_MESSAGE(error, error.find("127.0.0.1") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(error, error.find("[metrics] allow") != std::string::npos);
        CPPUNIT_ASSERT(refused.body.find("feedhub_") == std::string::npos);

        const HttpCall::Result allowed = getFrom("127.0.0.2", hub.port(), "/metrics");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(allowed.body, 200, allowed.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain; version=0.0.4; charset=utf-8"),
                             allowed.response.getContentType());
        CPPUNIT_ASSERT_EQUAL(
            1.0, HubStatus::metric(allowed.body, "feedhub_requests_refused_total{status=\"403\"}"));
    }

    void testDisabledIsNotServed()
    {
        TestDaemon hub(TestDaemon::Settings{{"metrics.enabled", "false"}});
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/metrics").status);
    }

    void testReloadsAreCounted()
    {
        TestDaemon hub;
        const std::string applied = "feedhub_reloads_total{outcome=\"applied\"}";
        const std::string refused = "feedhub_reloads_total{outcome=\"refused\"}";
        CPPUNIT_ASSERT_EQUAL(0.0, HubStatus::metric(hub.port(), applied));
        hub.signal(SIGHUP);
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::metric(hub.port(), applied) == 1; }));

        std::ofstream(hub.configPath(), std::ios::app) << "[server]\nport = not-a-port\n";
        hub.signal(SIGHUP);
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::metric(hub.port(), refused) == 1; }));
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(hub.port(), applied));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsTest);
