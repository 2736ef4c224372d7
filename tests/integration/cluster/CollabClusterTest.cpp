//
// CollabClusterTest.cpp
//

#include "ClusterNodes.h"
#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "PublishedEdits.h"
#include <algorithm>
#include <cppunit/extensions/HelperMacros.h>
#include <future>
#include <map>
#include <memory>

namespace
{

Poco::JSON::Object::Ptr parse(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

HttpCall::Result change(const TestDaemon& node, const std::string& name, Poco::Int64 base,
                        const std::string& ops, const std::string& client)
{
    return HttpCall::post(node.port(), "/api/docs/" + name,
                          "{\"base\":" + std::to_string(base) + ",\"ops\":" + ops + ",\"client\":\"" +
                              client + "\"}");
}

Poco::Int64 versionOf(const HttpCall::Result& result)
{
    return parse(result.body)->getValue<Poco::Int64>("version");
}

std::string replay(SseClient& stream, std::string text, Poco::Int64 from, Poco::Int64 to)
    /// Reads the changes to versions from..to on stream, each once, and
    /// applies them in version order to an ASCII text. Two hubs making
    /// consecutive versions at once may publish them in either order.
{
    std::map<Poco::Int64, Poco::JSON::Array::Ptr> changes;
    for (Poco::Int64 read = from; read <= to; ++read)
    {
        const SseClient::Event event = stream.expect(10000);
        CPPUNIT_ASSERT_EQUAL(std::string("change"), event.type);
        const Poco::JSON::Object::Ptr data = parse(event.data);
        const Poco::Int64 version = data->getValue<Poco::Int64>("version");
        CPPUNIT_ASSERT_MESSAGE("version " + std::to_string(version) + " is not one of those made",
                               version >= from && version <= to);
        CPPUNIT_ASSERT_MESSAGE("version " + std::to_string(version) + " came twice",
                               changes.emplace(version, data->getArray("ops")).second);
    }
    for (const auto& [version, ops] : changes)
        text = PublishedEdits::apply(text, ops);
    return text;
}

} // namespace

class CollabClusterTest : public CppUnit::TestFixture
    /// The collaborative editor on three hubs sharing one real redis-server:
    /// edits sent to different hubs at once are all applied, in one order of
    /// versions that every hub publishes and serves.
{
    CPPUNIT_TEST_SUITE(CollabClusterTest);
    CPPUNIT_TEST(testConflictingEditsOnTwoHubsConverge);
    CPPUNIT_TEST(testEditorsOnEveryHubLoseNoKeystroke);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _redis = std::make_unique<RedisServer>();
        for (const char* name : {"a", "b", "c"})
            _nodes.push_back(std::make_unique<TestDaemon>(ClusterNodes::node(*_redis, name),
                                                          FeedPlugins::feedsSection("collab")));
        for (const auto& node : _nodes)
            ClusterNodes::waitHealthy(*node);
    }

    void tearDown() override
    {
        _nodes.clear();
        _redis.reset();
    }

    void testConflictingEditsOnTwoHubsConverge()
    {
        std::vector<std::unique_ptr<SseClient>> streams;
        for (const auto& node : _nodes)
            streams.push_back(std::make_unique<SseClient>(node->port(), "/events?topic=doc.notes"));
        CPPUNIT_ASSERT_EQUAL(
            200, change(*_nodes[0], "notes", 0, R"([{"at":0,"insert":"hello world"}])", "a").status);
        // Two clients at version 1, one on A and one on B, edit at once: one
        // deletes "world", the other types inside it and at the start.
        auto onA = std::async(std::launch::async, [&] {
            return change(*_nodes[0], "notes", 1, R"([{"at":6,"delete":5}])", "a");
        });
        auto onB = std::async(std::launch::async, [&] {
            return change(*_nodes[1], "notes", 1, R"([{"at":8,"insert":"X"},{"at":0,"insert":">"}])", "b");
        });
        const HttpCall::Result fromA = onA.get();
        const HttpCall::Result fromB = onB.get();
        CPPUNIT_ASSERT_EQUAL(200, fromA.status);
        CPPUNIT_ASSERT_EQUAL(200, fromB.status);
        CPPUNIT_ASSERT(std::min(versionOf(fromA), versionOf(fromB)) == 2 &&
                       std::max(versionOf(fromA), versionOf(fromB)) == 3);
        // Every hub publishes versions 1, 2 and 3, and applied in that order
        // they make the text every hub serves.
        for (std::size_t i = 0; i < _nodes.size(); ++i)
        {
            CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), replay(*streams[i], "", 1, 3));
            const HttpCall::Result now = HttpCall::get(_nodes[i]->port(), "/api/docs/notes");
            CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), now.jsonString("text"));
            CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), versionOf(now));
        }
    }

    void testEditorsOnEveryHubLoseNoKeystroke()
    {
        // Three editors, one per hub, each type ten letters of their own at
        // the start of the text, each change made to the version its last
        // answer named. A change that lost too many races in a row is
        // answered 503 "send it again" with nothing changed, and the editor
        // sends it again, as the page does.
        constexpr int EACH = 10;
        constexpr int MOST_RESENDS = 20;
        SseClient stream(_nodes[2]->port(), "/events?topic=doc.notes");
        std::vector<std::future<std::string>> editors;
        for (std::size_t i = 0; i < _nodes.size(); ++i)
        {
            editors.push_back(std::async(std::launch::async, [this, i] {
                const std::string letter(1, static_cast<char>('a' + i));
                Poco::Int64 base = 0;
                for (int n = 0; n < EACH; ++n)
                {
                    HttpCall::Result result;
                    for (int sent = 0; sent <= MOST_RESENDS; ++sent)
                    {
                        result = change(*_nodes[i], "notes", base,
                                        "[{\"at\":0,\"insert\":\"" + letter + "\"}]", letter);
                        if (result.status != 503)
                            break;
                    }
                    if (result.status != 200)
                        return letter + " #" + std::to_string(n) + ": " + std::to_string(result.status) +
                               " " + result.body;
                    base = versionOf(result);
                }
                return std::string();
            }));
        }
        for (std::future<std::string>& editor : editors)
            CPPUNIT_ASSERT_EQUAL(std::string(), editor.get());
        const Poco::Int64 last = 3 * EACH;
        const std::string replayed = replay(stream, "", 1, last);
        for (const auto& node : _nodes)
        {
            const HttpCall::Result now = HttpCall::get(node->port(), "/api/docs/notes");
            CPPUNIT_ASSERT_EQUAL(replayed, now.jsonString("text"));
            CPPUNIT_ASSERT_EQUAL(last, versionOf(now));
        }
        for (char letter : {'a', 'b', 'c'})
            CPPUNIT_ASSERT_EQUAL(std::ptrdiff_t(EACH), std::count(replayed.begin(), replayed.end(), letter));
    }

private:
    std::unique_ptr<RedisServer> _redis;
    std::vector<std::unique_ptr<TestDaemon>> _nodes;
};

CPPUNIT_TEST_SUITE_REGISTRATION(CollabClusterTest);
