//
// HubMetricsTest.cpp
//

#include "metrics/HubMetrics.h"
#include "bus/InProcessBus.h"
#include "feedhub/HttpError.h"
#include "http/WorkerPool.h"
#include "metrics/MeteredPublisher.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::HubMetrics;
using feedhub::LoopMetrics;
using Transport = feedhub::LoopMetrics::Transport;

namespace
{

bool hasLine(const std::string& text, const std::string& line)
{
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

class FailingPublisher : public feedhub::Publisher
    /// A publisher whose store is full.
{
public:
    std::vector<feedhub::EventPtr> publish(const std::vector<feedhub::Publication>&) override
    {
        throw feedhub::HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "the disk is full");
    }
    using Publisher::publish;
    std::size_t subscriberCount(const std::string&) const override { return 0; }
};

} // namespace

class HubMetricsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HubMetricsTest);
    CPPUNIT_TEST(testLoopsAreSummed);
    CPPUNIT_TEST(testRefusalsByStatus);
    CPPUNIT_TEST(testPublishesByOutcome);
    CPPUNIT_TEST(testBusStateIsRead);
    CPPUNIT_TEST(testReloadsByOutcome);
    CPPUNIT_TEST(testHistogramsAreWritten);
    CPPUNIT_TEST(testAddedSourceIsShown);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _bus = std::make_unique<feedhub::InProcessBus>(feedhub::InProcessBus::Limits());
        _workers = std::make_unique<feedhub::WorkerPool>(1, 4);
        _metrics = std::make_unique<HubMetrics>(*_bus, *_workers, "");
    }

    void tearDown() override
    {
        _metrics.reset();
        _workers.reset();
        _bus.reset();
    }

    void testLoopsAreSummed()
    {
        LoopMetrics first;
        LoopMetrics second;
        _metrics->addLoop(first);
        _metrics->addLoop(second);
        first.of(Transport::SSE).connections.add(2);
        second.of(Transport::SSE).connections.add(1);
        second.of(Transport::HTTP).connections.add(1);
        first.of(Transport::SSE).delivered.add(10);
        second.of(Transport::SSE).delivered.add(5);
        first.of(Transport::WEBSOCKET).slowDisconnects.add(1);
        first.of(Transport::SSE).outbox.sent.add(300);
        second.of(Transport::SSE).outbox.queued.add(40);
        first.subscriptions().add(3);
        second.subscriptions().add(4);
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_connections{transport=\"sse\"} 3"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_connections{transport=\"http\"} 1"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_connections{transport=\"poll\"} 0"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_events_delivered_total{transport=\"sse\"} 15"));
        CPPUNIT_ASSERT_MESSAGE(
            text, hasLine(text, "feedhub_slow_consumer_disconnects_total{transport=\"websocket\"} 1"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_bytes_sent_total{transport=\"sse\"} 300"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_outbox_bytes{transport=\"sse\"} 40"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_subscriptions 7"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "# TYPE feedhub_connections gauge"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "# TYPE feedhub_events_delivered_total counter"));
    }

    void testRefusalsByStatus()
    {
        LoopMetrics loop;
        _metrics->addLoop(loop);
        CPPUNIT_ASSERT(_metrics->text().find("feedhub_requests_refused_total") == std::string::npos);
        loop.refused(403);
        loop.refused(403);
        loop.refused(503);
        loop.refused(201);
        loop.refused(600);
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_requests_refused_total{status=\"403\"} 2"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_requests_refused_total{status=\"503\"} 1"));
        CPPUNIT_ASSERT_MESSAGE(text, text.find("status=\"201\"") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), loop.refusals(600));
    }

    void testPublishesByOutcome()
    {
        feedhub::MeteredPublisher publisher(*_bus, _metrics->publishes());
        publisher.publish({{"news", "message", "a"}, {"news", "message", "b"}});
        CPPUNIT_ASSERT_THROW(publisher.publish("bad topic", "message", "c"), Poco::InvalidArgumentException);
        FailingPublisher full;
        feedhub::MeteredPublisher failing(full, _metrics->publishes());
        CPPUNIT_ASSERT_THROW(failing.publish("news", "message", "d"), feedhub::HttpError);
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_events_published_total{outcome=\"accepted\"} 2"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_events_published_total{outcome=\"refused\"} 1"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_events_published_total{outcome=\"failed\"} 1"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_publish_latency_seconds_count 1"));
    }

    void testBusStateIsRead()
    {
        _bus->publish("news", "message", "a");
        _bus->publish("news", "message", "b");
        _bus->publish("alerts", "message", "c");
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_topics 2"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_history_events 3"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_worker_queue_depth 0"));
        // No journal was named.
        CPPUNIT_ASSERT_MESSAGE(text, text.find("feedhub_history_journal_bytes") == std::string::npos);
    }

    void testReloadsByOutcome()
    {
        _metrics->reloaded(HubMetrics::Reload::APPLIED);
        _metrics->reloaded(HubMetrics::Reload::APPLIED);
        _metrics->reloaded(HubMetrics::Reload::REFUSED);
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_reloads_total{outcome=\"applied\"} 2"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_reloads_total{outcome=\"refused\"} 1"));
        CPPUNIT_ASSERT_MESSAGE(text, text.find("\nprocess_start_time_seconds ") != std::string::npos);
    }

    void testHistogramsAreWritten()
    {
        LoopMetrics first;
        LoopMetrics second;
        _metrics->addLoop(first);
        _metrics->addLoop(second);
        first.fanOut().observe(2000);
        second.fanOut().observe(2000);
        first.lag().observe(20);
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "# TYPE feedhub_fanout_latency_seconds histogram"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_fanout_latency_seconds_count 2"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_fanout_latency_seconds_bucket{le=\"+Inf\"} 2"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_event_loop_lag_seconds_count 1"));
    }

    void testAddedSourceIsShown()
    {
        struct Source : prometheus::Collectable
        {
            std::vector<prometheus::MetricFamily> Collect() const override
            {
                prometheus::MetricFamily family;
                family.name = "feedhub_backplane_up";
                family.help = "A backend's own gauge";
                family.type = prometheus::MetricType::Gauge;
                prometheus::ClientMetric metric;
                metric.gauge.value = 1;
                family.metric.push_back(metric);
                return {family};
            }
        };
        _metrics->add(std::make_shared<Source>());
        const std::string text = _metrics->text();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "feedhub_backplane_up 1"));
    }

private:
    std::unique_ptr<feedhub::InProcessBus> _bus;
    std::unique_ptr<feedhub::WorkerPool> _workers;
    std::unique_ptr<HubMetrics> _metrics;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HubMetricsTest);
