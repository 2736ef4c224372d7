//
// StockMarketTest.cpp
//

#include "StockMarket.h"
#include "Poco/Exception.h"
#include <cmath>
#include <cppunit/extensions/HelperMacros.h>
#include <set>

using feedhub::stock::StockMarket;

class StockMarketTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StockMarketTest);
    CPPUNIT_TEST(testSymbolsTakeTurns);
    CPPUNIT_TEST(testStepStaysWithinHalfAPercent);
    CPPUNIT_TEST(testChangeIsWholeCentsSincePreviousPrice);
    CPPUNIT_TEST(testChangePercentIsRoundedToTwoDecimals);
    CPPUNIT_TEST(testPriceNeverGoesBelowOneCent);
    CPPUNIT_TEST(testWalkMovesBothWays);
    CPPUNIT_TEST(testAlertOncePerExcursionPastThreshold);
    CPPUNIT_TEST(testNoAlertWithinThreshold);
    CPPUNIT_TEST(testParseListings);
    CPPUNIT_TEST(testParseRoundsToCents);
    CPPUNIT_TEST(testParseRefusesBadEntries);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSymbolsTakeTurns()
    {
        StockMarket market(StockMarket::parseListings("AAPL:100, GOOG:200, MSFT:300"), 0.5, 2.0, 1);
        CPPUNIT_ASSERT_EQUAL(std::string("AAPL"), market.tick().symbol);
        CPPUNIT_ASSERT_EQUAL(std::string("GOOG"), market.tick().symbol);
        CPPUNIT_ASSERT_EQUAL(std::string("MSFT"), market.tick().symbol);
        CPPUNIT_ASSERT_EQUAL(std::string("AAPL"), market.tick().symbol);
    }

    void testStepStaysWithinHalfAPercent()
    {
        StockMarket market({{"AAPL", 18950}}, 0.5, 1000, 7);
        Poco::Int64 previous = 18950;
        for (int i = 0; i < 20000; ++i)
        {
            const StockMarket::Tick tick = market.tick();
            // Rounding to a whole cent may add half a cent to the 0.5%.
            const double bound = 0.005 * static_cast<double>(previous) + 0.5;
            CPPUNIT_ASSERT(std::fabs(static_cast<double>(tick.priceCents - previous)) <= bound);
            previous = tick.priceCents;
        }
    }

    void testChangeIsWholeCentsSincePreviousPrice()
    {
        StockMarket market({{"AAPL", 10000}}, 0.5, 1000, 3);
        Poco::Int64 previous = 10000;
        for (int i = 0; i < 1000; ++i)
        {
            const StockMarket::Tick tick = market.tick();
            CPPUNIT_ASSERT_EQUAL(tick.priceCents - previous, tick.changeCents);
            CPPUNIT_ASSERT_EQUAL(Poco::Int64(10000), tick.openCents);
            previous = tick.priceCents;
        }
    }

    void testChangePercentIsRoundedToTwoDecimals()
    {
        StockMarket market({{"AAPL", 12345}}, 0.5, 1000, 11);
        Poco::Int64 previous = 12345;
        for (int i = 0; i < 1000; ++i)
        {
            const StockMarket::Tick tick = market.tick();
            const double exact =
                100.0 * static_cast<double>(tick.changeCents) / static_cast<double>(previous);
            CPPUNIT_ASSERT_DOUBLES_EQUAL(exact, tick.changePercent, 0.005 + 1e-9);
            CPPUNIT_ASSERT_DOUBLES_EQUAL(std::round(tick.changePercent * 100), tick.changePercent * 100,
                                         1e-6);
            previous = tick.priceCents;
        }
    }

    void testPriceNeverGoesBelowOneCent()
    {
        StockMarket market({{"PENNY", 2}}, 50, 1000, 5);
        for (int i = 0; i < 10000; ++i)
            CPPUNIT_ASSERT(market.tick().priceCents >= 1);
    }

    void testWalkMovesBothWays()
    {
        StockMarket market({{"AAPL", 18950}}, 0.5, 1000, 9);
        std::set<int> signs;
        for (int i = 0; i < 100; ++i)
        {
            const Poco::Int64 change = market.tick().changeCents;
            signs.insert(change > 0 ? 1 : (change < 0 ? -1 : 0));
        }
        CPPUNIT_ASSERT(signs.count(1) == 1 && signs.count(-1) == 1);
    }

    void testAlertOncePerExcursionPastThreshold()
    {
        StockMarket market({{"AAPL", 10000}}, 0.5, 1.0, 13);
        bool beyond = false;
        int alerts = 0;
        int excursions = 0;
        for (int i = 0; i < 20000; ++i)
        {
            const StockMarket::Tick tick = market.tick();
            const double fromOpen = 100.0 * static_cast<double>(tick.priceCents - 10000) / 10000.0;
            const bool nowBeyond = std::fabs(fromOpen) > 1.0;
            CPPUNIT_ASSERT_EQUAL(nowBeyond && !beyond, tick.alert);
            CPPUNIT_ASSERT_DOUBLES_EQUAL(fromOpen, tick.percentFromOpen, 0.005 + 1e-9);
            excursions += nowBeyond && !beyond;
            alerts += tick.alert;
            beyond = nowBeyond;
        }
        CPPUNIT_ASSERT(alerts > 1);
        CPPUNIT_ASSERT_EQUAL(excursions, alerts);
    }

    void testNoAlertWithinThreshold()
    {
        StockMarket market({{"AAPL", 10000}}, 0.5, 100.0, 17);
        for (int i = 0; i < 1000; ++i)
            CPPUNIT_ASSERT(!market.tick().alert);
    }

    void testParseListings()
    {
        const std::vector<StockMarket::Listing> listings =
            StockMarket::parseListings(" AAPL:189.50 ,GOOG : 141.8, BRK.B:410 ");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), listings.size());
        CPPUNIT_ASSERT_EQUAL(std::string("AAPL"), listings[0].symbol);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(18950), listings[0].openCents);
        CPPUNIT_ASSERT_EQUAL(std::string("GOOG"), listings[1].symbol);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(14180), listings[1].openCents);
        CPPUNIT_ASSERT_EQUAL(std::string("BRK.B"), listings[2].symbol);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(41000), listings[2].openCents);
    }

    void testParseRoundsToCents()
    {
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1235), StockMarket::parseListings("X:12.345")[0].openCents);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), StockMarket::parseListings("X:0.01")[0].openCents);
    }

    void testParseRefusesBadEntries()
    {
        for (const char* text : {"", "AAPL", "AAPL:", "AAPL:abc", "AAPL:0", "AAPL:-5", "aapl:10",
                                 "AAPL:10, AAPL:11", "TOOLONGSYMBOL1:5", "AAPL:nan", "AAPL:1e300"})
        {
            CPPUNIT_ASSERT_THROW_MESSAGE(text, StockMarket::parseListings(text),
                                         Poco::InvalidArgumentException);
        }
        try
        {
            StockMarket::parseListings("AAPL:10, MSFT:x");
            CPPUNIT_FAIL("a bad price was accepted");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT(exc.message().find("'MSFT:x'") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StockMarketTest);
