//
// LatencyHistogramTest.cpp
//

#include "metrics/LatencyHistogram.h"
#include <cppunit/extensions/HelperMacros.h>
#include <thread>
#include <vector>

using feedhub::LatencyHistogram;

namespace
{

prometheus::ClientMetric::Histogram total(const std::vector<const LatencyHistogram*>& histograms)
{
    prometheus::ClientMetric::Histogram sum;
    for (const LatencyHistogram* each : histograms)
        each->addTo(sum);
    return sum;
}

std::uint64_t cumulativeAt(const prometheus::ClientMetric::Histogram& histogram, double bound)
{
    for (const prometheus::ClientMetric::Bucket& bucket : histogram.bucket)
    {
        if (bucket.upper_bound == bound)
            return bucket.cumulative_count;
    }
    CPPUNIT_FAIL("no bucket with that bound");
    return 0;
}

} // namespace

class LatencyHistogramTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(LatencyHistogramTest);
    CPPUNIT_TEST(testBoundsIncrease);
    CPPUNIT_TEST(testObservationsLandInCumulativeBuckets);
    CPPUNIT_TEST(testBoundIsInclusive);
    CPPUNIT_TEST(testNegativeCountsAsZero);
    CPPUNIT_TEST(testBeyondTheLastBoundCountsOnlyInTotal);
    CPPUNIT_TEST(testHistogramsSum);
    CPPUNIT_TEST(testConcurrentObserversLoseNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void testBoundsIncrease()
    {
        const std::vector<double>& bounds = LatencyHistogram::bounds();
        CPPUNIT_ASSERT_EQUAL(0.0001, bounds.front());
        CPPUNIT_ASSERT_EQUAL(10.0, bounds.back());
        for (std::size_t i = 1; i < bounds.size(); ++i)
            CPPUNIT_ASSERT(bounds[i - 1] < bounds[i]);
    }

    void testObservationsLandInCumulativeBuckets()
    {
        LatencyHistogram histogram;
        histogram.observe(50);      // 0.05 ms
        histogram.observe(700);     // 0.7 ms
        histogram.observe(3000000); // 3 s
        const auto sum = total({&histogram});
        CPPUNIT_ASSERT_EQUAL(LatencyHistogram::bounds().size(), sum.bucket.size());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), cumulativeAt(sum, 0.0001));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), cumulativeAt(sum, 0.0005));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), cumulativeAt(sum, 0.001));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), cumulativeAt(sum, 2.5));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), cumulativeAt(sum, 5));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), sum.sample_count);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(3.00075, sum.sample_sum, 1e-9);
    }

    void testBoundIsInclusive()
    {
        LatencyHistogram histogram;
        histogram.observe(1000); // exactly 1 ms: le="0.001"
        const auto sum = total({&histogram});
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), cumulativeAt(sum, 0.0005));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), cumulativeAt(sum, 0.001));
    }

    void testNegativeCountsAsZero()
    {
        LatencyHistogram histogram;
        histogram.observe(-5000);
        const auto sum = total({&histogram});
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), cumulativeAt(sum, 0.0001));
        CPPUNIT_ASSERT_EQUAL(0.0, sum.sample_sum);
    }

    void testBeyondTheLastBoundCountsOnlyInTotal()
    {
        LatencyHistogram histogram;
        histogram.observe(60 * 1000000);
        const auto sum = total({&histogram});
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), cumulativeAt(sum, 10));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), sum.sample_count);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(60.0, sum.sample_sum, 1e-9);
    }

    void testHistogramsSum()
    {
        LatencyHistogram first;
        LatencyHistogram second;
        first.observe(200);
        second.observe(200);
        second.observe(20000);
        const auto sum = total({&first, &second});
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), cumulativeAt(sum, 0.00025));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), cumulativeAt(sum, 0.025));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), sum.sample_count);
    }

    void testConcurrentObserversLoseNothing()
    {
        LatencyHistogram histogram;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&histogram] {
                for (int i = 0; i < 10000; ++i)
                    histogram.observe(i % 3 == 0 ? 100 : 40000);
            });
        for (std::thread& thread : threads)
            thread.join();
        const auto sum = total({&histogram});
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(40000), sum.sample_count);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(4 * 3334), cumulativeAt(sum, 0.0001));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LatencyHistogramTest);
