//
// CollabFeedTest.cpp
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/File.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "PublishedEdits.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <future>

class CollabFeedTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CollabFeedTest);
    CPPUNIT_TEST(testNewDocumentIsEmpty);
    CPPUNIT_TEST(testChangeMakesNextVersion);
    CPPUNIT_TEST(testEveryChangeIsPublishedWithItsVersion);
    CPPUNIT_TEST(testConflictingEditsConverge);
    CPPUNIT_TEST(testStaleBaseIsAConflictWithTheText);
    CPPUNIT_TEST(testBadChangesAreClearErrors);
    CPPUNIT_TEST(testLimits);
    CPPUNIT_TEST(testDocumentsSurviveRestart);
    CPPUNIT_TEST(testTopicIsTheFeeds);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testNewDocumentIsEmpty()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        const HttpCall::Result result = HttpCall::get(hub.port(), "/api/docs/notes");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string(""), result.jsonString("text"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), object(result)->getValue<Poco::Int64>("version"));
    }

    void testChangeMakesNextVersion()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        HttpCall::Result result = change(hub, "notes", 0, R"([{"at":0,"insert":"caf\u00e9"}])");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), object(result)->getValue<Poco::Int64>("version"));
        result = change(hub, "notes", 1, R"([{"at":4,"insert":"!"},{"at":3,"delete":1}])");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), object(result)->getValue<Poco::Int64>("version"));
        result = HttpCall::get(hub.port(), "/api/docs/notes");
        CPPUNIT_ASSERT_EQUAL(std::string("caf!"), result.jsonString("text"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), object(result)->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string(""),
                             HttpCall::get(hub.port(), "/api/docs/other").jsonString("text"));
    }

    void testEveryChangeIsPublishedWithItsVersion()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        SseClient stream(hub.port(), "/events?topic=doc.notes");
        change(hub, "notes", 0, R"([{"at":0,"insert":"abc"}])", "tab-1", "ann");
        change(hub, "notes", 0, R"([{"at":0,"insert":"X"}])", "tab-2", "bob");
        SseClient::Event event = stream.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("change"), event.type);
        Poco::JSON::Object::Ptr data = parse(event.data);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), data->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("tab-1"), data->getValue<std::string>("client"));
        CPPUNIT_ASSERT_EQUAL(std::string("ann"), data->getValue<std::string>("author"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), data->getValue<std::string>("time").size());
        event = stream.expect();
        data = parse(event.data);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), data->getValue<Poco::Int64>("version"));
        // Made to version 0 at the place "abc" went first: published rebased, after it.
        const Poco::JSON::Array::Ptr ops = data->getArray("ops");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), ops->size());
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), ops->getObject(0)->getValue<Poco::Int64>("at"));
        CPPUNIT_ASSERT_EQUAL(std::string("X"), ops->getObject(0)->getValue<std::string>("insert"));
        CPPUNIT_ASSERT_EQUAL(std::string("abcX"),
                             HttpCall::get(hub.port(), "/api/docs/notes").jsonString("text"));
    }

    void testConflictingEditsConverge()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        change(hub, "notes", 0, R"([{"at":0,"insert":"hello world"}])");
        SseClient firstStream(hub.port(), "/events?topic=doc.notes");
        SseClient secondStream(hub.port(), "/events?topic=doc.notes");
        // Two clients at version 1 edit at once: one deletes "world", the other
        // types inside it and at the start.
        auto first = std::async(std::launch::async,
                                [&] { return change(hub, "notes", 1, R"([{"at":6,"delete":5}])", "a"); });
        auto second = std::async(std::launch::async, [&] {
            return change(hub, "notes", 1, R"([{"at":8,"insert":"X"},{"at":0,"insert":">"}])", "b");
        });
        CPPUNIT_ASSERT_EQUAL(200, first.get().status);
        CPPUNIT_ASSERT_EQUAL(200, second.get().status);
        const HttpCall::Result now = HttpCall::get(hub.port(), "/api/docs/notes");
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), now.jsonString("text"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), object(now)->getValue<Poco::Int64>("version"));
        // Each subscriber, applying the published changes in version order to
        // version 1, ends with the hub's text.
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), replay(firstStream, "hello world", 2));
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), replay(secondStream, "hello world", 2));
    }

    void testStaleBaseIsAConflictWithTheText()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni("kept_versions = 2\n"));
        for (int version = 0; version < 3; ++version)
            change(hub, "notes", version, R"([{"at":0,"insert":"x"}])");
        HttpCall::Result result = change(hub, "notes", 0, R"([{"at":0,"insert":"late"}])");
        CPPUNIT_ASSERT_EQUAL(409, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("xxx"), result.jsonString("text"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), object(result)->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT(!result.jsonString("error").empty());
        // Version 1 is still kept: after its "x", which the later changes pushed right.
        result = change(hub, "notes", 1, R"([{"at":1,"insert":"ok"}])");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("xxxok"),
                             HttpCall::get(hub.port(), "/api/docs/notes").jsonString("text"));
    }

    void testBadChangesAreClearErrors()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        change(hub, "notes", 0, R"([{"at":0,"insert":"abc"}])");
        const std::vector<std::pair<std::string, std::string>> cases = {
            {R"({"base":1,"ops":[{"at":9,"insert":"x"}]})",
             "edit 0: insert at 9 is past the end of the text (3 characters)"},
            {R"({"base":1,"ops":[{"at":0,"delete":1},{"at":2,"delete":1}]})",
             "edit 1: delete of 1 at 2 goes past the end of the text (2 characters)"},
            {R"({"base":1,"ops":[{"at":0,"insert":5}]})",
             "edit 0: \"insert\" must be a string that is not empty"},
            {R"({"base":1,"ops":[{"at":0,"move":1}]})",
             "edit 0 must have \"at\" and one of \"insert\" and \"delete\""},
            {R"({"base":1,"ops":{}})", "\"ops\" must be an array of edits"},
            {R"({"base":1})", "\"ops\" is required"},
            {R"({"ops":[]})", "\"base\" must be the version the edits were made to"},
            {R"({"base":"1","ops":[]})", "\"base\" must be the version the edits were made to"},
            {R"({"base":5,"ops":[]})", "base 5 is ahead of the document's version 1"},
            {R"({"base":1,"ops":[],"colour":"red"})",
             "unknown field \"colour\": a change has base, ops, client and author"},
            {R"([1])", "the body must be a JSON object {\"base\":V,\"ops\":[...]}"},
        };
        for (const auto& [body, error] : cases)
        {
            const HttpCall::Result result = HttpCall::post(hub.port(), "/api/docs/notes", body);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(body, 400, result.status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(body, error, result.jsonString("error"));
        }
        HttpCall::Result result =
            HttpCall::post(hub.port(), "/api/docs/notes", "{\"base\":", "application/json");
        CPPUNIT_ASSERT_EQUAL(400, result.status);
        result = HttpCall::post(hub.port(), "/api/docs/no%20pe", R"({"base":0,"ops":[]})");
        CPPUNIT_ASSERT_EQUAL(400, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid document name 'no pe': use 1 to 64 characters from "
                                         "A-Z a-z 0-9 _ - ."),
                             result.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(400, HttpCall::get(hub.port(), "/api/docs/").status);
        CPPUNIT_ASSERT_EQUAL(
            405, HttpCall::send(hub.port(), "DELETE", "/api/docs/notes", "", "application/json", {}).status);
        result = HttpCall::get(hub.port(), "/api/docs/notes");
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), result.jsonString("text"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), object(result)->getValue<Poco::Int64>("version"));
    }

    void testLimits()
    {
        TestDaemon hub(keptInTheTestFolder(),
                       collabIni("max_document_chars = 5\nmax_documents = 1\nmax_edits = 2\n"));
        CPPUNIT_ASSERT_EQUAL(
            200, change(hub, "notes", 0, R"([{"at":0,"insert":"\u00e9\u00e9\u00e9\u00e9\u00e9"}])").status);
        HttpCall::Result result = change(hub, "notes", 1, R"([{"at":0,"insert":"x"}])");
        CPPUNIT_ASSERT_EQUAL(413, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("a document holds at most 5 characters"),
                             result.jsonString("error"));
        result = change(hub, "other", 0, R"([{"at":0,"insert":"x"}])");
        CPPUNIT_ASSERT_EQUAL(507, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("the hub holds its maximum of 1 documents"),
                             result.jsonString("error"));
        result = change(hub, "notes", 1, R"([{"at":0,"delete":1},{"at":0,"delete":1},{"at":0,"delete":1}])");
        CPPUNIT_ASSERT_EQUAL(400, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("a change holds at most 2 edits"), result.jsonString("error"));
        CPPUNIT_ASSERT_EQUAL(
            Poco::Int64(1),
            object(HttpCall::get(hub.port(), "/api/docs/notes"))->getValue<Poco::Int64>("version"));
    }

    void testDocumentsSurviveRestart()
    {
        {
            TestDaemon hub(keptInTheTestFolder(), collabIni(""));
            change(hub, "notes", 0, R"([{"at":0,"insert":"kept"}])");
            CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        }
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        HttpCall::Result result = HttpCall::get(hub.port(), "/api/docs/notes");
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), result.jsonString("text"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), object(result)->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT(Poco::File(_dir + "/feeds/collab.db").exists());
        // The changes are kept too: one made to version 0 is rebased onto "kept".
        result = change(hub, "notes", 0, R"([{"at":0,"insert":"!"}])");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), object(result)->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("kept!"),
                             HttpCall::get(hub.port(), "/api/docs/notes").jsonString("text"));
    }

    void testTopicIsTheFeeds()
    {
        TestDaemon hub(keptInTheTestFolder(), collabIni(""));
        change(hub, "notes", 0, R"([{"at":0,"insert":"x"}])");
        const HttpCall::Result forged =
            HttpCall::post(hub.port(), "/publish", R"({"topic":"doc.notes","type":"change","data":"{}"})",
                           "application/json");
        CPPUNIT_ASSERT(forged.status == 401 || forged.status == 403);
    }

private:
    TestDaemon::Settings keptInTheTestFolder() const
        /// The history journal, and beside it the feed's state feeds/collab.db,
        /// in the test's folder: a restarted hub finds them.
    {
        return {{"history.database", _dir + "/history.db"}};
    }

    static std::string collabIni(const std::string& extra)
    {
        return FeedPlugins::feedsSection("collab") + "[feed.collab]\n" + extra;
    }

    static HttpCall::Result change(const TestDaemon& hub, const std::string& name, Poco::Int64 base,
                                   const std::string& ops, const std::string& client = "",
                                   const std::string& author = "")
    {
        std::string body = "{\"base\":" + std::to_string(base) + ",\"ops\":" + ops;
        if (!client.empty())
            body += ",\"client\":\"" + client + "\"";
        if (!author.empty())
            body += ",\"author\":\"" + author + "\"";
        return HttpCall::post(hub.port(), "/api/docs/" + name, body + "}");
    }

    static std::string replay(SseClient& stream, std::string text, int changes)
        /// Applies the next changes on the stream to an ASCII text.
    {
        for (int i = 0; i < changes; ++i)
            text = PublishedEdits::apply(text, parse(stream.expect().data)->getArray("ops"));
        return text;
    }

    static Poco::JSON::Object::Ptr parse(const std::string& json)
    {
        return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    }

    static Poco::JSON::Object::Ptr object(const HttpCall::Result& result) { return parse(result.body); }

    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(CollabFeedTest);
