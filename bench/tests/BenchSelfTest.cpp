// Self-test of feedhub-bench's parsing and bookkeeping, which has to be right
// before any number the tool prints means anything. Needs no server: the
// publisher test runs a tiny one of its own on the loopback.
#include <atomic>
#include <chrono>
#include <iostream>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include "AppBenchTest.h"
#include "BenchPayload.h"
#include "Clock.h"
#include "ConnectStormTest.h"
#include "HttpResponseReader.h"
#include "HubPollProtocol.h"
#include "LatencyHistogram.h"
#include "NchanPollProtocol.h"
#include "ProcessCpuTime.h"
#include "Publisher.h"
#include "SequenceSet.h"
#include "ShardedRunTest.h"
#include "SseParser.h"

using namespace feedhub::bench;

namespace
{

int gPassed = 0;
int gFailed = 0;

void check(bool condition, const std::string& what)
{
    if (condition)
    {
        ++gPassed;
        return;
    }
    ++gFailed;
    std::cout << "FAILED: " << what << "\n";
}

void testLatencyHistogram()
{
    LatencyHistogram histogram;
    check(histogram.quantileMicros(0.5) == 0, "empty histogram quantile is 0");
    for (int64_t micros = 1; micros <= 100000; ++micros)
        histogram.record(micros);
    const double p50 = static_cast<double>(histogram.quantileMicros(0.50));
    const double p99 = static_cast<double>(histogram.quantileMicros(0.99));
    check(p50 >= 50000 && p50 <= 50000 * 1.02, "p50 within 2% of 50000, got " + std::to_string(p50));
    check(p99 >= 99000 && p99 <= 99000 * 1.02, "p99 within 2% of 99000, got " + std::to_string(p99));
    check(histogram.quantileMicros(1.0) == 100000, "p100 is the exact maximum");
    check(histogram.maxMicros() == 100000, "max is exact");
    histogram.record(-5);
    check(histogram.count() == 100001, "negative latency still counted");
    LatencyHistogram huge;
    huge.record(INT64_MAX);
    check(huge.quantileMicros(0.5) == INT64_MAX, "largest value fits the last bucket");
}

void testSequenceSet()
{
    SequenceSet received(130);
    check(received.insert(0) && received.insert(64) && received.insert(129), "first inserts succeed");
    check(!received.insert(64), "duplicate insert reports false");
    check(!received.insert(130), "out of range insert reports false");
    check(received.size() == 3, "size counts members");
    SequenceSet published(130);
    for (uint64_t n = 0; n < 130; ++n)
        published.insert(n);
    check(received.countMissingFrom(published) == 127, "missing = published minus received");
}

void testBenchPayload()
{
    const std::string text = formatBenchPayload({1763000000123456, 17, 42}, 200);
    check(text.size() == 200, "payload padded to target size, got " + std::to_string(text.size()));
    BenchPayload parsed;
    check(parseBenchPayload(text, parsed) && parsed.sentMicros == 1763000000123456 && parsed.sequence == 17 &&
              parsed.runId == 42,
          "payload round trip");
    check(formatBenchPayload({1, 2, 3}, 0) == "{\"t\":1,\"n\":2,\"r\":3,\"pad\":\"\"}", "unpadded payload");
    check(parseBenchPayload("{ \"pad\" : \"x\", \"r\" : 9, \"n\" : 8, \"t\" : 7 }", parsed) &&
              parsed.sentMicros == 7 && parsed.sequence == 8 && parsed.runId == 9,
          "re-serialised payload (key order, spaces)");
    check(parseBenchPayload("\"{\\\"t\\\":5,\\\"n\\\":6,\\\"r\\\":7}\"", parsed) && parsed.sequence == 6,
          "payload delivered as an escaped JSON string");
    check(!parseBenchPayload("{\"text\":\"hello\",\"n\":1}", parsed), "foreign event rejected");
    check(!parseBenchPayload("", parsed), "empty data rejected");
}

std::vector<std::string> parseSse(const std::string& stream, size_t pieceSize)
{
    std::vector<std::string> events;
    SseParser parser([&](std::string_view data) { events.emplace_back(data); });
    for (size_t pos = 0; pos < stream.size(); pos += pieceSize)
        parser.feed(stream.data() + pos, std::min(pieceSize, stream.size() - pos));
    return events;
}

void testSseParser()
{
    const std::string stream = "retry: 3000\n\n:\n\nid: bench:1\nevent: tick\ndata: {\"n\":1}\n\n"
                               "id: bench:2\r\ndata: line one\r\ndata:line two\r\n\r\n"
                               "id: bench:3\revent: x\r\r"   // an event without data is not dispatched
                               ": comment\ndata\ndata: \n\n" // two empty data lines -> "\n"
                               "data: tail without blank line\n";
    const std::vector<std::string> expected = {"{\"n\":1}", "line one\nline two", "\n"};
    for (size_t piece : {stream.size(), size_t{1}, size_t{2}, size_t{3}, size_t{7}})
    {
        check(parseSse(stream, piece) == expected,
              "SSE frames parsed with reads of " + std::to_string(piece) + " bytes");
    }
}

struct RecordedResponse
{
    int status = 0;
    bool keepAlive = false;
    std::string body;
    int completed = 0;
};

class RecordingListener : public HttpResponseListener
{
public:
    std::vector<RecordedResponse> responses;

    void onResponseHead(const HttpResponseHead& head) override
    {
        responses.push_back({head.status, head.keepAlive, {}, 0});
    }
    void onResponseBody(const char* bytes, size_t length) override
    {
        responses.back().body.append(bytes, length);
    }
    void onResponseComplete() override { ++responses.back().completed; }
};

// Feeds the text in pieces, looping like the connection does when one read
// holds the end of a response and more.
bool feedInPieces(HttpResponseReader& reader, const std::string& text, size_t pieceSize)
{
    for (size_t pos = 0; pos < text.size(); pos += pieceSize)
    {
        const size_t length = std::min(pieceSize, text.size() - pos);
        size_t offset = 0;
        while (offset < length)
        {
            size_t consumed = 0;
            if (!reader.feed(text.data() + pos + offset, length - offset, consumed))
                return false;
            offset += consumed;
        }
    }
    return true;
}

void testHttpResponseReader()
{
    const std::string twoResponses =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhello"
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        "3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: 1\r\n\r\n"
        "HTTP/1.1 204 No Content\r\n\r\n"
        "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n";
    for (size_t piece : {twoResponses.size(), size_t{1}, size_t{5}, size_t{13}})
    {
        RecordingListener listener;
        HttpResponseReader reader(listener);
        const std::string label = " (pieces of " + std::to_string(piece) + ")";
        check(feedInPieces(reader, twoResponses, piece), "responses parse" + label);
        check(listener.responses.size() == 4, "four responses seen" + label);
        if (listener.responses.size() != 4)
            continue;
        check(listener.responses[0].body == "hello" && listener.responses[0].keepAlive &&
                  listener.responses[0].completed == 1,
              "content-length body" + label);
        check(listener.responses[1].body == "abc0123456789abcdef" && !listener.responses[1].keepAlive &&
                  listener.responses[1].completed == 1,
              "chunked body with extension and trailer, Connection: close" + label);
        check(listener.responses[2].status == 204 && listener.responses[2].completed == 1,
              "204 has no body" + label);
        check(!listener.responses[3].keepAlive && listener.responses[3].completed == 1,
              "HTTP/1.0 is not keep-alive" + label);
    }

    RecordingListener listener;
    HttpResponseReader reader(listener);
    const std::string stream = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\n\n";
    check(feedInPieces(reader, stream, 4), "close-delimited stream parses");
    check(listener.responses.size() == 1 && listener.responses[0].body == "data: x\n\n" &&
              listener.responses[0].completed == 0,
          "close-delimited body passed through, not complete");
    check(reader.finishAtEndOfStream() && listener.responses[0].completed == 1,
          "EOF completes close-delimited body");

    RecordingListener junkListener;
    HttpResponseReader junkReader(junkListener);
    check(!feedInPieces(junkReader, "SSH-2.0-OpenSSH\r\n\r\n", 64), "non-HTTP response rejected");
}

HttpResponseHead makeHead(int status, std::vector<std::pair<std::string, std::string>> headers = {})
{
    HttpResponseHead head;
    head.status = status;
    head.keepAlive = true;
    head.headers = std::move(headers);
    return head;
}

void testHubPollProtocol()
{
    HttpTarget target;
    target.host = "127.0.0.1";
    target.port = 8080;
    target.pathAndQuery = "/poll?topic=bench";
    const HubPollProtocol protocol(30);
    PollCursor cursor;
    check(protocol.buildRequest(target, cursor).rfind("GET /poll?topic=bench&timeout=0 HTTP/1.1\r\n", 0) == 0,
          "first hub poll has no since and does not wait");

    std::vector<std::string> data;
    const auto collect = [&](std::string_view eventData) { data.emplace_back(eventData); };
    check(protocol.handleResponse(makeHead(204), "", cursor, collect) == PollOutcome::NoEvents &&
              cursor.established && cursor.position == "0",
          "204 on an empty topic starts from cursor 0");
    const std::string body =
        R"({"events":[{"topic":"bench","id":"bench:7","type":"tick","data":{"t":1,"n":0,"r":5},"time":"x"},)"
        R"({"topic":"bench","id":"bench:8","type":"message","data":"plain text","time":"x"}],)"
        R"("cursor":"8","truncated":true})";
    check(protocol.handleResponse(makeHead(200), body, cursor, collect) == PollOutcome::EventsTruncated,
          "truncated batch reported");
    check(cursor.position == "8", "cursor advanced to 8");
    BenchPayload payload;
    check(data.size() == 2 && parseBenchPayload(data[0], payload) && payload.runId == 5 &&
              data[1] == "plain text",
          "object and string data both extracted");
    check(protocol.buildRequest(target, cursor).find("since=8&timeout=30") != std::string::npos,
          "next poll asks since the cursor");
    check(protocol.handleResponse(makeHead(200), "not json", cursor, collect) == PollOutcome::Failed,
          "malformed batch fails");
    check(protocol.handleResponse(makeHead(503), "", cursor, collect) == PollOutcome::Failed, "503 fails");

    // The same bytes for another poller (parsed once, read again) give the
    // same events and cursor; a bad answer in between leaves nothing behind.
    PollCursor otherCursor;
    for (int poller = 0; poller < 2; ++poller)
    {
        otherCursor = PollCursor();
        data.clear();
        check(protocol.handleResponse(makeHead(200), body, otherCursor, collect) ==
                      PollOutcome::EventsTruncated &&
                  otherCursor.position == "8" && data.size() == 2 && data[1] == "plain text",
              "a repeated answer gives the same events and cursor");
    }
    check(protocol.handleResponse(makeHead(200), "not json", otherCursor, collect) == PollOutcome::Failed &&
              protocol.handleResponse(makeHead(200), "not json", otherCursor, collect) == PollOutcome::Failed,
          "a repeated malformed answer fails each time");
    data.clear();
    check(protocol.handleResponse(makeHead(200), "", otherCursor, collect) == PollOutcome::Failed &&
              data.empty(),
          "an empty 200 fails, whatever was parsed before");
}

// The hub's poll answer is read by a streaming Poco::JSON handler: each
// event's data as compact JSON text (or the raw string), then the cursor.
void testHubPollBatchParsing()
{
    const HubPollProtocol protocol(30);
    PollCursor cursor;
    cursor.position = "5";
    cursor.established = true;
    std::vector<std::string> data;
    const auto collect = [&](std::string_view eventData) { data.emplace_back(eventData); };
    const auto answer = [&](const std::string& body) {
        data.clear();
        return protocol.handleResponse(makeHead(200), body, cursor, collect);
    };

    const std::string batch =
        R"({"events":[{"topic":"bench","id":"bench:6","type":"tick",)"
        R"("data":{"t":1795000000000001,"n":0,"r":7,"pad":"xx"},"time":"2026-11-21T22:00:00.123456Z"},)"
        R"({"topic":"bench","id":"bench:7","type":"tick","data" : { "t" : 2, "n" : 1, "r" : 7 },"time":"x"},)"
        R"({"topic":"bench","id":"bench:8","type":"message","data":"say \"hi\"\\\n\u00e9","time":"x"},)"
        R"({"topic":"bench","id":"bench:9","type":"x","data":{"s":"a\"b\\c/\u0001\td\u00e9","l":[1,-2.5,true,null,{},[]],)"
        R"("o":{"k":18446744073709551615}},"extra":{"data":"not this"},"time":"x"},)"
        R"({"topic":"bench","id":"bench:10","type":"x","data":[{"a":1},"b"],"time":"x"}],)"
        R"("cursor":"10","truncated":false,"ignored":{"cursor":"99"}})";
    check(answer(batch) == PollOutcome::Events && cursor.position == "10",
          "multi-event batch read, cursor 10");
    BenchPayload payload;
    check(data.size() == 5, "one data text per event, got " + std::to_string(data.size()));
    if (data.size() == 5)
    {
        check(data[0] == R"({"t":1795000000000001,"n":0,"r":7,"pad":"xx"})",
              "object data as compact JSON: " + data[0]);
        check(parseBenchPayload(data[0], payload) && payload.sentMicros == 1795000000000001 &&
                  payload.sequence == 0 && payload.runId == 7,
              "bench payload found in object data");
        check(data[1] == R"({"t":2,"n":1,"r":7})", "whitespace dropped from object data: " + data[1]);
        check(data[2] == "say \"hi\"\\\n\xc3\xa9", "string data passed on as the raw string: " + data[2]);
        check(data[3] == R"({"s":"a\"b\\c/\u0001\td)"
                         "\xc3\xa9"
                         R"(","l":[1,-2.5,true,null,{},[]],"o":{"k":18446744073709551615}})",
              "strings in object data re-escaped, values kept: " + data[3]);
        check(data[4] == R"([{"a":1},"b"])", "array data as compact JSON: " + data[4]);
    }
    check(answer(R"({"events":[],"cursor":"11","truncated":true})") == PollOutcome::EventsTruncated &&
              data.empty() && cursor.position == "11",
          "empty truncated batch moves the cursor");

    const auto failsCleanly = [&](const std::string& body, const std::string& what) {
        check(answer(body) == PollOutcome::Failed && data.empty() && cursor.position == "11",
              what + " fails, delivers nothing and keeps the cursor");
    };
    failsCleanly(R"({"events":[{"data":{"t":1,"n":2,"r":3}}],"cursor":"12","truncated":false)",
                 "unclosed batch");
    failsCleanly(R"({"events":[{"data":{"t":1,}}],"cursor":"12","truncated":false})", "trailing comma");
    failsCleanly(R"({"events":[{"data":1}],"cursor":"12","truncated":false} {})", "text after the batch");
    failsCleanly(R"({"events":[{"data":{"t":1,"n":2,"r":3}}],"truncated":false})", "missing cursor");
    failsCleanly(R"({"events":[{"data":1}],"cursor":12,"truncated":false})", "numeric cursor");
    failsCleanly(R"({"events":[{"data":1}],"cursor":"12"})", "missing truncated");
    failsCleanly(R"({"events":[{"data":1}],"cursor":"12","truncated":"no"})", "string truncated");
    failsCleanly(R"({"cursor":"12","truncated":false})", "missing events");
    failsCleanly(R"({"events":{"data":1},"cursor":"12","truncated":false})", "events not an array");
    failsCleanly(R"({"events":[{"data":1},"x"],"cursor":"12","truncated":false})", "event not an object");
    failsCleanly(R"({"events":[{"id":"x"}],"cursor":"12","truncated":false})", "event without data");
    failsCleanly(R"([{"data":1}])", "array document");

    check(answer(R"({"events":[{"data":"again"}],"cursor":"12","truncated":false})") == PollOutcome::Events &&
              data.size() == 1 && data[0] == "again" && cursor.position == "12",
          "parser reused after failures");
}

void testNchanPollProtocol()
{
    HttpTarget target;
    target.host = "127.0.0.1";
    target.port = 18080;
    target.pathAndQuery = "/lp?topic=bench";
    const NchanPollProtocol protocol;
    PollCursor cursor;
    check(protocol.buildRequest(target, cursor).find("If-Modified-Since") == std::string::npos,
          "first nchan poll is unconditional");
    std::string received;
    const auto collect = [&](std::string_view eventData) { received = eventData; };
    const HttpResponseHead head =
        makeHead(200, {{"last-modified", "Sat, 21 Nov 2026 19:48:59 GMT"}, {"etag", "1"}});
    check(protocol.handleResponse(head, "{\"n\":1}", cursor, collect) == PollOutcome::Events &&
              received == "{\"n\":1}",
          "nchan message body is the event data");
    const std::string request = protocol.buildRequest(target, cursor);
    check(request.find("If-Modified-Since: Sat, 21 Nov 2026 19:48:59 GMT\r\n") != std::string::npos &&
              request.find("If-None-Match: 1\r\n") != std::string::npos,
          "nchan cursor sent as conditional headers");
    check(protocol.handleResponse(makeHead(408), "", cursor, collect) == PollOutcome::NoEvents,
          "408 is a timeout");
    check(protocol.handleResponse(makeHead(304), "", cursor, collect) == PollOutcome::NoEvents,
          "304 is a timeout");
}

void testProcessCpuTime()
{
    // A name with spaces and parentheses, as a thread may rename itself.
    const std::string line =
        "4242 (feed hub) (x)) S 1 4242 4242 0 -1 4194560 2511 0 0 0 1234 567 0 0 20 0 9 0 12345 0 0";
    check(parseProcStatCpuTicks(line) == std::optional<int64_t>(1801), "utime + stime after the last ')'");
    check(!parseProcStatCpuTicks("4242 (cut short) S 1 2"), "a truncated line is rejected");
    check(!parseProcStatCpuTicks("no name here"), "a line without a process name is rejected");
    check(readProcessCpuMicros(getpid()).has_value(), "own CPU time readable from /proc");
}

std::atomic<int> gPublishesReceived{0};

// Answers every publish only after 100 ms, as Nchan does after its fan-out.
class SlowPublishHandler : public Poco::Net::HTTPRequestHandler
{
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override
    {
        request.stream().ignore(std::numeric_limits<std::streamsize>::max());
        ++gPublishesReceived;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        response.setContentLength(0);
        response.send();
    }
};

class SlowPublishFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new SlowPublishHandler;
    }
};

// A paced publisher must keep to its rate even when each answer takes longer
// than the interval between events: waiting for answers (closed loop) would
// send at 1/delay = 10/s here instead of 50/s.
void testPacedPublisherIsOpenLoop()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    Poco::Net::HTTPServer server(new SlowPublishFactory, socket, params);
    server.start();

    HttpTarget target;
    target.host = "127.0.0.1";
    target.port = socket.address().port();
    target.pathAndQuery = "/publish";
    PublishPlan plan;
    plan.events = 20;
    plan.eventsPerSecond = 50;
    plan.payloadBytes = 64;
    plan.topic = "bench";
    Publisher publisher({target}, plan);
    const int64_t deadline = monotonicMicros() + 5 * 1000000;
    publisher.start();
    while (!publisher.finished() && monotonicMicros() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    publisher.requestStop();
    publisher.join();
    server.stopAll(true);

    check(publisher.publishedCount() == 20 && publisher.failures() == 0 && publisher.published().size() == 20,
          "paced run publishes the planned count with no failure, got " +
              std::to_string(publisher.publishedCount()) + " (" + publisher.lastError() + ")");
    check(gPublishesReceived == 20 && publisher.sentCount() == 20, "server saw every publish once");
    check(publisher.sendRate() > 40 && publisher.sendRate() < 60,
          "paced send rate near 50/s despite 100 ms answers, got " + std::to_string(publisher.sendRate()));
    check(publisher.latePublishes() <= 5,
          "few late publishes even on a busy machine, got " + std::to_string(publisher.latePublishes()));
}

} // namespace

int main()
{
    testLatencyHistogram();
    testSequenceSet();
    testBenchPayload();
    testSseParser();
    testHttpResponseReader();
    testHubPollProtocol();
    testHubPollBatchParsing();
    testNchanPollProtocol();
    testProcessCpuTime();
    testPacedPublisherIsOpenLoop();
    testShardedRuns(check);
    testConnectOutcomes(check);
    testConnectStorm(check);
    testAppBench(check);
    std::cout << gPassed << " passed, " << gFailed << " failed\n";
    return gFailed == 0 ? 0 : 1;
}
