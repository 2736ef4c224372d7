//
// IdleConnectionsTest.cpp
//

#include "HttpCall.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/NullStream.h"
#include "Poco/StreamCopier.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <vector>

class IdleConnectionsTest : public CppUnit::TestFixture
    /// Idle clients must not hold the hub's worker threads: kept-alive
    /// connections between requests and connections that have not sent their
    /// request yet wait on an event loop.
{
    CPPUNIT_TEST_SUITE(IdleConnectionsTest);
    CPPUNIT_TEST(testIdleKeepAliveClientsDoNotStallOthers);
    CPPUNIT_TEST(testSilentConnectionsDoNotStallOthers);
    CPPUNIT_TEST(testKeptAliveConnectionServesItsNextRequests);
    CPPUNIT_TEST(testPipelinedRequestsAreAllAnswered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testIdleKeepAliveClientsDoNotStallOthers()
    {
        TestDaemon hub(TestDaemon::Settings{{"server.worker_threads", "2"}});
        const int threadsBefore = hub.threadCount();
        std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle;
        for (int i = 0; i < 20; ++i)
        {
            idle.push_back(session(hub.port()));
            CPPUNIT_ASSERT_EQUAL(200, get(*idle.back(), "/healthz"));
        }
        // Each of those connections is open and idle; another client is served.
        auto other = session(hub.port());
        CPPUNIT_ASSERT_EQUAL(200, get(*other, "/healthz"));
        CPPUNIT_ASSERT_EQUAL(std::string("news:"), HttpCall::publish(hub.port(), "news", "x").substr(0, 5));
        CPPUNIT_ASSERT(hub.threadCount() <= threadsBefore + 4);
    }

    void testSilentConnectionsDoNotStallOthers()
    {
        TestDaemon hub(TestDaemon::Settings{{"server.worker_threads", "2"}});
        std::vector<Poco::Net::StreamSocket> silent;
        for (int i = 0; i < 20; ++i)
        {
            silent.emplace_back();
            silent.back().connect(Poco::Net::SocketAddress("127.0.0.1", hub.port()));
        }
        auto other = session(hub.port());
        CPPUNIT_ASSERT_EQUAL(200, get(*other, "/healthz"));
        SseClient subscriber(hub.port(), "/events?topic=news");
        const std::string id = HttpCall::publish(hub.port(), "news", "still served");
        CPPUNIT_ASSERT_EQUAL(id, subscriber.expect().id);

        // A silent connection that finally sends its request is answered.
        const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        silent.front().sendBytes(request.data(), static_cast<int>(request.size()));
        std::string answer;
        char buffer[4096];
        silent.front().setReceiveTimeout(Poco::Timespan(10, 0));
        for (int got; (got = silent.front().receiveBytes(buffer, sizeof buffer)) > 0;)
            answer.append(buffer, static_cast<std::size_t>(got));
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 200"), answer.substr(0, 12));
    }

    void testKeptAliveConnectionServesItsNextRequests()
    {
        TestDaemon hub;
        auto client = session(hub.port());
        CPPUNIT_ASSERT_EQUAL(200, get(*client, "/healthz"));
        CPPUNIT_ASSERT_EQUAL(200, get(*client, "/topics"));
        CPPUNIT_ASSERT_EQUAL(404, get(*client, "/nowhere"));
        CPPUNIT_ASSERT_EQUAL(200, get(*client, "/healthz"));
    }

    void testPipelinedRequestsAreAllAnswered()
    {
        TestDaemon hub;
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", hub.port()));
        const std::string requests = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                     "GET /topics HTTP/1.1\r\nHost: x\r\n\r\n"
                                     "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        socket.sendBytes(requests.data(), static_cast<int>(requests.size()));
        socket.setReceiveTimeout(Poco::Timespan(10, 0));
        std::string answers;
        char buffer[4096];
        for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
            answers.append(buffer, static_cast<std::size_t>(got));
        std::size_t count = 0;
        for (std::size_t at = answers.find("HTTP/1.1 200"); at != std::string::npos;
             at = answers.find("HTTP/1.1 200", at + 1))
            ++count;
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), count);
    }

private:
    static std::unique_ptr<Poco::Net::HTTPClientSession> session(Poco::UInt16 port)
    {
        auto result = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
        result->setKeepAlive(true);
        // Long enough never to fail a correct hub; short enough that a stalled one fails the test.
        result->setTimeout(Poco::Timespan(10, 0));
        return result;
    }

    static int get(Poco::Net::HTTPClientSession& session, const std::string& path)
    {
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setKeepAlive(true);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& body = session.receiveResponse(response);
        Poco::NullOutputStream discard;
        Poco::StreamCopier::copyStream(body, discard);
        return response.getStatus();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IdleConnectionsTest);
