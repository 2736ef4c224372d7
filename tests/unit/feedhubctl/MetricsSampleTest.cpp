//
// MetricsSampleTest.cpp
//

#include "MetricsSample.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::MetricsSample;

class MetricsSampleTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MetricsSampleTest);
    CPPUNIT_TEST(testTotalSumsEveryLabelSet);
    CPPUNIT_TEST(testByLabel);
    CPPUNIT_TEST(testLabelValuesWithEscapes);
    CPPUNIT_TEST(testMissingMetric);
    CPPUNIT_TEST(testLinesItCannotReadAreSkipped);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTotalSumsEveryLabelSet()
    {
        const MetricsSample sample("# HELP feedhub_connections Open connections.\n"
                                   "# TYPE feedhub_connections gauge\n"
                                   "feedhub_connections{transport=\"sse\"} 10\n"
                                   "feedhub_connections{transport=\"poll\"} 2.5\n"
                                   "\n"
                                   "feedhub_topics 4 1767225600000\n"
                                   "process_start_time_seconds 1.7672256e+09\n");
        CPPUNIT_ASSERT_EQUAL(12.5, *sample.total("feedhub_connections"));
        // A timestamp after the value is not the value.
        CPPUNIT_ASSERT_EQUAL(4.0, *sample.total("feedhub_topics"));
        CPPUNIT_ASSERT_EQUAL(1767225600.0, *sample.total("process_start_time_seconds"));
    }

    void testByLabel()
    {
        const MetricsSample sample("feedhub_bytes_sent_total{transport=\"sse\",loop=\"0\"} 100\n"
                                   "feedhub_bytes_sent_total{transport=\"sse\",loop=\"1\"} 50\n"
                                   "feedhub_bytes_sent_total{loop=\"0\",transport=\"poll\"} 7\n"
                                   "feedhub_bytes_sent_total 1\n");
        const std::map<std::string, double> byTransport =
            sample.byLabel("feedhub_bytes_sent_total", "transport");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), byTransport.size());
        CPPUNIT_ASSERT_EQUAL(150.0, byTransport.at("sse"));
        CPPUNIT_ASSERT_EQUAL(7.0, byTransport.at("poll"));
        CPPUNIT_ASSERT_EQUAL(158.0, *sample.total("feedhub_bytes_sent_total"));
    }

    void testLabelValuesWithEscapes()
    {
        const MetricsSample sample("requests{path=\"/a\\\"b,c}\",code=\"4\\\\04\"} 3\n"
                                   "requests{path=\"/x\"} 1\n");
        const std::map<std::string, double> byPath = sample.byLabel("requests", "path");
        CPPUNIT_ASSERT_EQUAL(3.0, byPath.at("/a\"b,c}"));
        CPPUNIT_ASSERT_EQUAL(3.0, sample.byLabel("requests", "code").at("4\\04"));
        CPPUNIT_ASSERT_EQUAL(4.0, *sample.total("requests"));
    }

    void testMissingMetric()
    {
        const MetricsSample sample("feedhub_topics 4\n");
        CPPUNIT_ASSERT(!sample.total("feedhub_subscriptions"));
        CPPUNIT_ASSERT(sample.byLabel("feedhub_subscriptions", "transport").empty());
        CPPUNIT_ASSERT(!MetricsSample("").total("feedhub_topics"));
    }

    void testLinesItCannotReadAreSkipped()
    {
        const MetricsSample sample("broken{transport=\"sse\" 5\n"
                                   "novalue\n"
                                   "notanumber abc\n"
                                   "unclosed{transport=\"sse} 5\n"
                                   "feedhub_topics 4\n");
        CPPUNIT_ASSERT(!sample.total("broken"));
        CPPUNIT_ASSERT(!sample.total("novalue"));
        CPPUNIT_ASSERT(!sample.total("notanumber"));
        CPPUNIT_ASSERT(!sample.total("unclosed"));
        CPPUNIT_ASSERT_EQUAL(4.0, *sample.total("feedhub_topics"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsSampleTest);
