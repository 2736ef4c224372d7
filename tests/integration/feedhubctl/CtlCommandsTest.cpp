//
// CtlCommandsTest.cpp
//
// feedhubctl topics and status, its errors and exit codes, and where it
// takes --url and --token from.
//

#include "CtlProcess.h"
#include <fstream>
#include "Poco/File.h"
#include "HttpCall.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPServer.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Timestamp.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "TestTokens.h"
#include <algorithm>
#include <atomic>
#include <cppunit/extensions/HelperMacros.h>

namespace
{

class FakeMetrics : public Poco::Net::HTTPRequestHandlerFactory
    /// A /metrics with the names the hub's has, its counters moving by a
    /// known step between scrapes.
{
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Handler(*this);
    }

    int scrapes() const { return _scrapes; }

private:
    class Handler : public Poco::Net::HTTPRequestHandler
    {
    public:
        explicit Handler(FakeMetrics& metrics) : _metrics(metrics) {}

        void handleRequest(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) override
        {
            if (request.getURI() != "/metrics")
            {
                response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
                response.send();
                return;
            }
            const long n = _metrics._scrapes++;
            response.setContentType("text/plain; version=0.0.4");
            response.send() << text(n);
        }

    private:
        FakeMetrics& _metrics;
    };

    static std::string text(long scrape)
    {
        const long started = static_cast<long>(Poco::Timestamp().epochTime()) - 3725;
        return "# HELP process_start_time_seconds Start time of the process.\n"
               "# TYPE process_start_time_seconds gauge\n"
               "process_start_time_seconds " + std::to_string(started) + "\n" +
               "# TYPE feedhub_connections gauge\n"
               "feedhub_connections{transport=\"sse\"} 10\n"
               "feedhub_connections{transport=\"poll\"} 1\n"
               "feedhub_connections{transport=\"websocket\"} 0\n"
               "feedhub_connections{transport=\"http\"} 1\n"
               "feedhub_subscriptions 11\n"
               "feedhub_topics 4\n"
               "feedhub_events_published_total{outcome=\"accepted\"} " + std::to_string(1000 + 50 * scrape) + "\n" +
               "feedhub_events_published_total{outcome=\"refused\"} 10\n"
               "feedhub_events_published_total{outcome=\"failed\"} 0\n"
               "feedhub_events_delivered_total{transport=\"sse\"} " + std::to_string(10000 + 500 * scrape) + "\n" +
               "feedhub_events_delivered_total{transport=\"poll\"} 400\n"
               "feedhub_bytes_sent_total{transport=\"sse\"} " + std::to_string(2500000 + 100000 * scrape) + "\n" +
               "feedhub_bytes_sent_total{transport=\"poll\"} 0\n";
    }

    std::atomic<int> _scrapes{0};
};

std::string lineStarting(const std::string& text, const std::string& label)
{
    for (std::size_t at = 0; at < text.size();)
    {
        const std::size_t end = text.find('\n', at);
        const std::string line = text.substr(at, end - at);
        if (line.compare(0, label.size() + 1, label + " ") == 0)
            return line;
        at = end == std::string::npos ? text.size() : end + 1;
    }
    return std::string();
}

} // namespace

class CtlCommandsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CtlCommandsTest);
    CPPUNIT_TEST(testTopicsTable);
    CPPUNIT_TEST(testStatusFromTwoScrapes);
    CPPUNIT_TEST(testRefusedPublishSaysStatusAndError);
    CPPUNIT_TEST(testRefusedLinesSayWhichWerePublished);
    CPPUNIT_TEST(testUrlAndTokenBeforeOrAfterTheCommandOrFromTheEnvironment);
    CPPUNIT_TEST(testUnreachableHub);
    CPPUNIT_TEST(testHelpAndWrongArguments);
    CPPUNIT_TEST(testCheckConfigRunsTheDaemonsCheck);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTopicsTable()
    {
        TestDaemon hub;
        const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
        HttpCall::publish(hub.port(), "alpha", "1");
        HttpCall::publish(hub.port(), "alpha", "2");
        const std::string alpha = HttpCall::publish(hub.port(), "alpha", "3");
        const std::string beta = HttpCall::publish(hub.port(), "beta", "1");
        SseClient watcher(hub.port(), "/events?topic=alpha&topic=waiting");
        const CtlProcess::Result topics = CtlProcess::run({"topics", "--url", url});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(topics.err, 0, topics.exitCode);
        // Names and ids to the left, counts to the right, sorted by name.
        CPPUNIT_ASSERT_EQUAL(std::string("TOPIC    SUBSCRIBERS  HELD  LAST ID\n"
                                         "alpha              1     3  " +
                                         alpha +
                                         "\n"
                                         "beta               0     1  " +
                                         beta +
                                         "\n"
                                         "waiting            1     0  -\n"),
                             topics.out);
    }

    void testStatusFromTwoScrapes()
    {
        FakeMetrics* metrics = new FakeMetrics;
        Poco::Net::HTTPServer server(metrics,
                                     Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)),
                                     new Poco::Net::HTTPServerParams);
        server.start();
        const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
        const CtlProcess::Result status = CtlProcess::run({"status", "--url", url, "--interval", "1"});
        server.stop();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(status.err, 0, status.exitCode);
        CPPUNIT_ASSERT_EQUAL(2, metrics->scrapes());
        CPPUNIT_ASSERT_EQUAL("hub            " + url, lineStarting(status.out, "hub"));
        CPPUNIT_ASSERT_EQUAL(std::string("uptime         1h 02m"),
                             lineStarting(status.out, "uptime").substr(0, 21));
        CPPUNIT_ASSERT_EQUAL(std::string("connections    12 (http 1, poll 1, sse 10, websocket 0)"),
                             lineStarting(status.out, "connections"));
        CPPUNIT_ASSERT_EQUAL(std::string("subscriptions  11"), lineStarting(status.out, "subscriptions"));
        CPPUNIT_ASSERT_EQUAL(std::string("topics         4"), lineStarting(status.out, "topics"));
        // Totals from the second scrape; the rate is the step over the time between them.
        const std::string published = lineStarting(status.out, "published");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(status.out, std::string("published      1060 events, "),
                                     published.substr(0, 28));
        CPPUNIT_ASSERT_MESSAGE(published, published.find("/s (accepted 1050, failed 0, refused 10)") !=
                                              std::string::npos);
        const std::string delivered = lineStarting(status.out, "delivered");
        CPPUNIT_ASSERT_EQUAL(std::string("delivered      10900 events, "), delivered.substr(0, 29));
        CPPUNIT_ASSERT_MESSAGE(delivered, delivered.find("/s (poll 400, sse 10500)") != std::string::npos);
        const std::string sent = lineStarting(status.out, "sent");
        CPPUNIT_ASSERT_EQUAL(std::string("sent           2.6 MB, "), sent.substr(0, 23));
        CPPUNIT_ASSERT_MESSAGE(sent, sent.find(" KB/s") != std::string::npos);
    }

    void testRefusedPublishSaysStatusAndError()
    {
        TestDaemon hub(tokenHub());
        const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
        const std::string event = R"({"topic":"news","data":"x"})";
        const struct
        {
            std::vector<std::string> token;
            std::string status;
            HttpCall::Headers headers;
        } cases[] = {
            {{}, "401 Unauthorized", {}},
            {{"--token", "not-a-token"}, "401 Unauthorized", {{"Authorization", "Bearer not-a-token"}}},
            {{"--token", TestTokens::token({"other"}, {})},
             "403 Forbidden",
             {{"Authorization", "Bearer " + TestTokens::token({"other"}, {})}}},
        };
        for (const auto& refused : cases)
        {
            // What the hub says to the same request, word for word.
            const std::string error =
                HttpCall::post(hub.port(), "/publish", event, "application/json", refused.headers)
                    .jsonString("error");
            CPPUNIT_ASSERT(!error.empty());
            std::vector<std::string> arguments{"publish", "news", "x", "--url", url};
            arguments.insert(arguments.end(), refused.token.begin(), refused.token.end());
            const CtlProcess::Result published = CtlProcess::run(arguments);
            CPPUNIT_ASSERT_EQUAL(1, published.exitCode);
            CPPUNIT_ASSERT_EQUAL("feedhubctl publish: POST /publish: " + refused.status + ": " + error + "\n",
                                 published.err);
            CPPUNIT_ASSERT_EQUAL(std::string(), published.out);
        }
        // Nothing refused was published.
        CPPUNIT_ASSERT(HttpCall::get(hub.port(), "/topics").body.find("\"news\"") == std::string::npos);
    }

    void testRefusedLinesSayWhichWerePublished()
    {
        TestDaemon hub(tokenHub());
        const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
        const CtlProcess::Result published = CtlProcess::run(
            {"publish", "news", "-", "--url", url, "--token", TestTokens::token({"other"}, {})}, "a\nb\n");
        CPPUNIT_ASSERT_EQUAL(1, published.exitCode);
        CPPUNIT_ASSERT_MESSAGE(published.err,
                               published.err.find("feedhubctl publish: POST /publish: 403 Forbidden: ") == 0);
        CPPUNIT_ASSERT_MESSAGE(
            published.err,
            published.err.find(" of the input, none of them published; 0 events before them were)\n") !=
                std::string::npos);
    }

    void testUrlAndTokenBeforeOrAfterTheCommandOrFromTheEnvironment()
    {
        TestDaemon hub(tokenHub());
        const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
        const std::string token = TestTokens::token({"news"}, {});
        for (const CtlProcess::Result& published :
             {CtlProcess::run({"--url", url, "--token", token, "publish", "news", "1"}),
              CtlProcess::run({"publish", "news", "2", "--url=" + url, "--token=" + token}),
              CtlProcess::run({"--token", token, "publish", "--url", url, "news", "3"}),
              CtlProcess::run({"publish", "news", "4"}, "", {{"FEEDHUB_URL", url}, {"FEEDHUB_TOKEN", token}}),
              // An option given wins over the environment.
              CtlProcess::run({"publish", "news", "5", "--url", url}, "",
                              {{"FEEDHUB_URL", "http://127.0.0.1:1"}, {"FEEDHUB_TOKEN", token}})})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(published.err, 0, published.exitCode);
        const CtlProcess::Result tail = CtlProcess::run(
            {"tail", "news", "--since", "0", "--count", "5", "--format", "data", "--url", url});
        CPPUNIT_ASSERT_EQUAL(std::string("1\n2\n3\n4\n5\n"), tail.out);
    }

    void testUnreachableHub()
    {
        Poco::UInt16 port = 0;
        {
            Poco::Net::ServerSocket closed(Poco::Net::SocketAddress("127.0.0.1", 0));
            port = closed.address().port();
        }
        const std::string url = "http://127.0.0.1:" + std::to_string(port);
        for (const std::vector<std::string>& arguments :
             {std::vector<std::string>{"topics"}, {"tail", "news"}, {"publish", "news", "x"}, {"status"}})
        {
            std::vector<std::string> withUrl = arguments;
            withUrl.push_back("--url=" + url);
            const CtlProcess::Result result = CtlProcess::run(withUrl);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 69, result.exitCode);
            const std::string said = "feedhubctl " + arguments[0] + ": cannot reach " + url + ": ";
            CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, said, result.err.substr(0, said.size()));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), static_cast<std::size_t>(
                                                     std::count(result.err.begin(), result.err.end(), '\n')));
        }
    }

    void testCheckConfigRunsTheDaemonsCheck()
    {
        const std::string dir = TestDaemon::makeTempDir();
        const std::string good = dir + "/good.ini", bad = dir + "/bad.ini";
        std::ofstream(good) << "[server]\nport = 8080\n[feeds]\nenabled =\n";
        std::ofstream(bad) << "[server]\nport = 8080\nbogus_key = 1\n[feeds]\nenabled =\n";
        const CtlProcess::Result accepted = CtlProcess::run({"check-config", good});
        const CtlProcess::Result refused = CtlProcess::run({"check-config", bad});
        Poco::File(dir).remove(true);
        CPPUNIT_ASSERT_EQUAL(0, accepted.exitCode);
        // The daemon's own exit status (78, a bad configuration) and its file:line message.
        CPPUNIT_ASSERT_EQUAL(78, refused.exitCode);
        CPPUNIT_ASSERT(refused.err.find(bad + ":3: unknown key 'bogus_key' in [server]") != std::string::npos);
    }

    void testHelpAndWrongArguments()
    {
        const CtlProcess::Result help = CtlProcess::run({"--help"});
        CPPUNIT_ASSERT_EQUAL(0, help.exitCode);
        for (const char* part : {"feedhubctl publish TOPIC", "feedhubctl tail TOPIC...", "feedhubctl topics",
                                 "feedhubctl status", "feedhubctl check-config", "feedhubctl token",
                                 "exit status:", "  69   the hub cannot be reached"})
            CPPUNIT_ASSERT_MESSAGE(part, help.out.find(part) != std::string::npos);

        const CtlProcess::Result commandHelp = CtlProcess::run({"tail", "--help"});
        CPPUNIT_ASSERT_EQUAL(0, commandHelp.exitCode);
        CPPUNIT_ASSERT(commandHelp.out.find("--since ID") != std::string::npos);

        for (const std::vector<std::string>& wrong : {std::vector<std::string>{"publish"},
                                                      {"publish", "t", "a", "b"},
                                                      {"tail"},
                                                      {"topics", "extra"},
                                                      {"tail", "t", "--count", "0"},
                                                      {"tail", "t", "--format", "xml"},
                                                      {"status", "--interval", "x"},
                                                      {"topics", "--url", "https://example.org"},
                                                      {"nonsense"},
                                                      {}})
        {
            const CtlProcess::Result result = CtlProcess::run(wrong);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 64, result.exitCode);
        }
        const CtlProcess::Result tail = CtlProcess::run({"tail", "t", "--format", "xml"});
        CPPUNIT_ASSERT_EQUAL(std::string("feedhubctl tail: --format must be text, data or json\n"),
                             tail.err.substr(0, tail.err.find('\n') + 1));
    }

private:
    static TestDaemon::Settings tokenHub()
    {
        return {{"auth.publish", "token"}, {"auth.secret", TestTokens::SECRET}};
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CtlCommandsTest);
