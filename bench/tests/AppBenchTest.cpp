// The pieces bench/apps adds to the tools: MemberJoiner, the publisher's chat
// body and its spread over several nodes, EditArrivals. Two in-process HTTP
// servers stand in for two nodes and remember what they were sent.
#include "AppBenchTest.h"

#include <chrono>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include "BenchPayload.h"
#include "Clock.h"
#include "DocumentFollower.h"
#include "MemberJoiner.h"
#include "Publisher.h"

using namespace feedhub::bench;

namespace
{

// One node: answers every POST 201 and keeps its path and body.
class RecordingNode
{
public:
    struct Request
    {
        std::string path;
        std::string contentType;
        std::string body;
    };

    RecordingNode() : _socket(Poco::Net::SocketAddress("127.0.0.1", 0))
    {
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(16);
        _server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), _socket, params);
        _server->start();
    }

    ~RecordingNode() { _server->stopAll(true); }

    HttpTarget target(const std::string& path) const
    {
        return HttpTarget::resolve(path, "127.0.0.1", _socket.address().port());
    }

    std::vector<Request> requests()
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _requests;
    }

private:
    class Handler : public Poco::Net::HTTPRequestHandler
    {
    public:
        explicit Handler(RecordingNode& node) : _node(node) {}

        void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
        {
            Request seen{request.getURI(), request.getContentType(), {}};
            Poco::StreamCopier::copyToString(request.stream(), seen.body);
            {
                std::lock_guard<std::mutex> lock(_node._mutex);
                _node._requests.push_back(seen);
            }
            response.setStatus(Poco::Net::HTTPResponse::HTTP_CREATED);
            response.setContentLength(0);
            response.send();
        }

    private:
        RecordingNode& _node;
    };

    class Factory : public Poco::Net::HTTPRequestHandlerFactory
    {
    public:
        explicit Factory(RecordingNode& node) : _node(node) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
        {
            return new Handler(_node);
        }

    private:
        RecordingNode& _node;
    };

    Poco::Net::ServerSocket _socket;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
    std::mutex _mutex;
    std::vector<Request> _requests;
};

void testMemberJoins(const CheckFunction& check)
{
    RecordingNode first, second;
    const JoinResult result =
        MemberJoiner::joinAll({first.target("/api/chat/r/join"), second.target("/api/chat/r/join")}, 10);
    check(result.joined == 10 && result.failures == 0, "ten members joined, none failed: " + result.lastError);
    bool ownNode = true;
    for (const auto& [node, parity] : {std::pair{&first, 0}, std::pair{&second, 1}})
    {
        const std::vector<RecordingNode::Request> requests = node->requests();
        ownNode = ownNode && requests.size() == 5;
        for (const RecordingNode::Request& request : requests)
        {
            const size_t at = request.body.find("member-");
            const int member = at == std::string::npos ? -1 : std::stoi(request.body.substr(at + 7));
            ownNode = ownNode && request.path == "/api/chat/r/join" && member % 2 == parity &&
                      request.body == "{\"nick\":\"member-" + std::to_string(member) + "\"}";
        }
    }
    check(ownNode, "member i joins as member-<i> on node i % 2");
}

void testChatPublishesOnBothNodes(const CheckFunction& check)
{
    RecordingNode first, second;
    PublishPlan plan;
    plan.events = 20;
    plan.eventsPerSecond = 100;
    plan.payloadBytes = 64;
    plan.runId = 77;
    plan.format = PublishFormat::Chat;
    Publisher publisher({first.target("/api/chat/r"), second.target("/api/chat/r")}, plan);
    const int64_t deadline = monotonicMicros() + 5 * 1000000;
    publisher.start();
    while (!publisher.finished() && monotonicMicros() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    publisher.requestStop();
    publisher.join();
    check(publisher.publishedCount() == 20, "every chat message acknowledged: " + publisher.lastError());
    const std::vector<RecordingNode::Request> onFirst = first.requests();
    const std::vector<RecordingNode::Request> onSecond = second.requests();
    check(!onFirst.empty() && !onSecond.empty() && onFirst.size() + onSecond.size() == 20,
          "the paced messages went to both nodes: " + std::to_string(onFirst.size()) + " and " +
              std::to_string(onSecond.size()));
    bool chatBodies = !onFirst.empty();
    for (const RecordingNode::Request& request : onFirst)
    {
        BenchPayload payload;
        chatBodies = chatBodies && request.contentType == "application/json" &&
                     request.body.rfind("{\"user\":\"bench-poster\",\"text\":\"{\\\"t\\\":", 0) == 0 &&
                     parseBenchPayload(request.body, payload) && payload.runId == 77;
    }
    check(chatBodies, "a chat message {\"user\",\"text\"} whose text is the stamped payload");
}

void testEditArrivals(const CheckFunction& check)
{
    EditArrivals arrivals(3);
    arrivals.record(1, 1000, 1500);
    arrivals.record(1, 1000, 4000);
    arrivals.record(1, 1000, 2500);
    arrivals.record(7, 1000, 9000); // not an edit of the run
    check(arrivals.seenBy(1) == 3 && arrivals.seenBy(0) == 0 && arrivals.seenBy(2) == 0,
          "an edit counts each client that saw it");
    check(arrivals.toLastClientMicros(1) == 3000, "from the post to the last client's arrival");
}

} // namespace

void testAppBench(const CheckFunction& check)
{
    testMemberJoins(check);
    testChatPublishesOnBothNodes(check);
    testEditArrivals(check);
}
