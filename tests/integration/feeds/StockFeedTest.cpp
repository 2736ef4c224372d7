//
// StockFeedTest.cpp
//

#include "FeedPlugins.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cmath>
#include <cppunit/extensions/HelperMacros.h>
#include <regex>
#include <set>

class StockFeedTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StockFeedTest);
    CPPUNIT_TEST(testStreamSendsUnnamedSimpleQuotes);
    CPPUNIT_TEST(testStockUpdatesOnTopic);
    CPPUNIT_TEST(testMarketAlertPastThreshold);
    CPPUNIT_TEST(testPathsAndTopicsAreConfigurable);
    CPPUNIT_TEST(testInvalidSymbolsFailTheFeed);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStreamSendsUnnamedSimpleQuotes()
    {
        TestDaemon hub({}, stockIni(""));
        SseClient client(hub.port(), "/stream");
        CPPUNIT_ASSERT_EQUAL(200, client.status());
        for (int i = 0; i < 6; ++i)
        {
            const SseClient::Event event = client.expect();
            // Unnamed, so a page's onmessage gets it.
            CPPUNIT_ASSERT_EQUAL(std::string("message"), event.type);
            const Poco::JSON::Object::Ptr quote = json(event.data);
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), quote->size());
            CPPUNIT_ASSERT(SYMBOLS.count(quote->getValue<std::string>("symbol")) == 1);
            checkCents(quote->getValue<double>("price"));
            checkCents(quote->getValue<double>("change"));
            CPPUNIT_ASSERT(quote->getValue<double>("price") > 0);
        }
    }

    void testStockUpdatesOnTopic()
    {
        TestDaemon hub({}, stockIni(""));
        SseClient client(hub.port(), "/events?topic=stocks");
        std::vector<std::string> symbols;
        while (symbols.size() < 8)
        {
            const SseClient::Event event = client.expect();
            if (event.type != "stock_update")
                continue;
            const Poco::JSON::Object::Ptr update = json(event.data);
            symbols.push_back(update->getValue<std::string>("symbol"));
            const double price = update->getValue<double>("price");
            const double change = update->getValue<double>("change");
            checkCents(price);
            checkCents(change);
            // A step is at most 0.5% of the previous price (plus rounding to the cent).
            CPPUNIT_ASSERT(std::fabs(change) <= 0.005 * (price - change) + 0.0051);
            const double percent = update->getValue<double>("changePercent");
            CPPUNIT_ASSERT_DOUBLES_EQUAL(100 * change / (price - change), percent, 0.0051);
            CPPUNIT_ASSERT_EQUAL(std::size_t(24), update->getValue<std::string>("time").size());
        }
        // One symbol per tick, each in turn.
        for (std::size_t i = 4; i < symbols.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(symbols[i - 4], symbols[i]);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), std::set<std::string>(symbols.begin(), symbols.end()).size());
    }

    void testMarketAlertPastThreshold()
    {
        TestDaemon hub({}, stockIni("symbols = ACME:100.00\nalert_percent = 0.05\n"));
        SseClient client(hub.port(), "/events?topic=stocks");
        for (;;)
        {
            const SseClient::Event event = client.expect(10000);
            if (event.type != "market_alert")
                continue;
            const Poco::JSON::Object::Ptr alert = json(event.data);
            CPPUNIT_ASSERT_EQUAL(std::string("ACME"), alert->getValue<std::string>("symbol"));
            CPPUNIT_ASSERT_DOUBLES_EQUAL(100.0, alert->getValue<double>("open"), 1e-9);
            const double price = alert->getValue<double>("price");
            const double fromOpen = alert->getValue<double>("changePercent");
            CPPUNIT_ASSERT(std::fabs(fromOpen) > 0.05);
            CPPUNIT_ASSERT_DOUBLES_EQUAL(price - 100.0, fromOpen, 0.0051);
            CPPUNIT_ASSERT(alert->has("time"));
            break;
        }
    }

    void testPathsAndTopicsAreConfigurable()
    {
        TestDaemon hub({}, stockIni("topic = quotes\nsimple_topic = quotes.plain\nstream_path = /quotes\n"));
        SseClient simple(hub.port(), "/quotes");
        CPPUNIT_ASSERT_EQUAL(std::string("message"), simple.expect().type);
        SseClient named(hub.port(), "/events?topic=quotes");
        CPPUNIT_ASSERT_EQUAL(std::string("stock_update"), named.expect().type);
        SseClient old(hub.port(), "/stream");
        CPPUNIT_ASSERT_EQUAL(404, old.status());
    }

    void testInvalidSymbolsFailTheFeed()
    {
        TestDaemon hub({}, stockIni("symbols = AAPL:-1\n"));
        // The message names the file, the key's line and the key.
        const std::regex refusal("feed stock failed and is not running: .*/hub[.]ini:[0-9]+: "
                                 "feed[.]stock[.]symbols: 'AAPL:-1' must be");
        CPPUNIT_ASSERT_MESSAGE(hub.log(), std::regex_search(hub.log(), refusal));
    }

private:
    static std::string stockIni(const std::string& extra)
    {
        return FeedPlugins::feedsSection("stock") + "[feed.stock]\ninterval_ms = 20\n" + extra;
    }

    static Poco::JSON::Object::Ptr json(const std::string& text)
    {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    }

    static void checkCents(double value)
    {
        CPPUNIT_ASSERT_DOUBLES_EQUAL(std::round(value * 100), value * 100, 1e-6);
    }

    const std::set<std::string> SYMBOLS = {"AAPL", "GOOG", "MSFT", "AMZN"};
};

CPPUNIT_TEST_SUITE_REGISTRATION(StockFeedTest);
