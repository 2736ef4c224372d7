//
// StaticFileHandlerTest.cpp
//

#include "HttpCall.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/StreamCopier.h"
#include "Poco/Util/Application.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <filesystem>
#include <fstream>
#include <memory>

namespace fs = std::filesystem;

class StaticFileHandlerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StaticFileHandlerTest);
    CPPUNIT_TEST(testRootServesIndexAsHtml);
    CPPUNIT_TEST(testContentTypesFollowExtensions);
    CPPUNIT_TEST(testMatchingEntityTagGives304);
    CPPUNIT_TEST(testIfModifiedSinceGives304);
    CPPUNIT_TEST(testChangedFileIsSentAgain);
    CPPUNIT_TEST(testHeadSendsHeadersOnly);
    CPPUNIT_TEST(testConnectionIsReusedAfter304);
    CPPUNIT_TEST(testPathsOutsideTheRootAre404);
    CPPUNIT_TEST(testFoldersAreNotListed);
    CPPUNIT_TEST(testRoutesComeBeforeFiles);
    CPPUNIT_TEST(testOtherMethodsOnFilesAre405);
    CPPUNIT_TEST(testDisabledServesNoFiles);
    CPPUNIT_TEST(testMissingRootStopsTheStart);
    CPPUNIT_TEST(testDefaultRootServesTheDashboard);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _base = fs::canonical(TestDaemon::makeTempDir()).string();
        _root = _base + "/web";
        fs::create_directories(_root + "/css");
        write(_root + "/index.html", "<!doctype html><title>test page</title>");
        write(_root + "/app.js", "console.log('hi');");
        write(_root + "/css/site.css", "body { margin: 0 }");
        write(_root + "/icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        write(_root + "/data.json", "{}");
        write(_root + "/blob.bin", "\x01\x02");
        write(_root + "/.env", "TOKEN=secret");
        write(_base + "/outside.txt", "SECRET-OUTSIDE");
        fs::create_symlink(_base + "/outside.txt", _root + "/escape.txt");
        fs::create_symlink(_base, _root + "/up");
        _hub = std::make_unique<TestDaemon>(TestDaemon::Settings{{"web.root", _root}});
    }

    void tearDown() override
    {
        _hub.reset();
        fs::remove_all(_base);
    }

    void testRootServesIndexAsHtml()
    {
        const HttpCall::Result result = HttpCall::get(_hub->port(), "/");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), result.response.getContentType());
        CPPUNIT_ASSERT_EQUAL(std::string("<!doctype html><title>test page</title>"), result.body);
        CPPUNIT_ASSERT(!result.response.get("ETag", "").empty());
        CPPUNIT_ASSERT(!result.response.get("Last-Modified", "").empty());
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), result.response.get("Cache-Control", ""));
        CPPUNIT_ASSERT(result.response.get("Content-Security-Policy", "").find("default-src 'self'") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(result.body, HttpCall::get(_hub->port(), "/index.html").body);
    }

    void testContentTypesFollowExtensions()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("text/javascript; charset=utf-8"), contentTypeOf("/app.js"));
        CPPUNIT_ASSERT_EQUAL(std::string("text/css; charset=utf-8"), contentTypeOf("/css/site.css"));
        CPPUNIT_ASSERT_EQUAL(std::string("image/svg+xml"), contentTypeOf("/icon.svg"));
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), contentTypeOf("/data.json"));
        CPPUNIT_ASSERT_EQUAL(std::string("application/octet-stream"), contentTypeOf("/blob.bin"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("nosniff"),
            HttpCall::get(_hub->port(), "/app.js").response.get("X-Content-Type-Options", ""));
    }

    void testMatchingEntityTagGives304()
    {
        const std::string tag = HttpCall::get(_hub->port(), "/app.js").response.get("ETag");
        for (const std::string& header : {tag, "W/" + tag, "\"other\", " + tag, std::string("*")})
        {
            const HttpCall::Result result =
                HttpCall::get(_hub->port(), "/app.js", {{"If-None-Match", header}});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(header, 304, result.status);
            CPPUNIT_ASSERT_EQUAL(std::string(), result.body);
            CPPUNIT_ASSERT_EQUAL(tag, result.response.get("ETag", ""));
        }
        const HttpCall::Result stale = HttpCall::get(_hub->port(), "/app.js", {{"If-None-Match", "\"1-2\""}});
        CPPUNIT_ASSERT_EQUAL(200, stale.status);
        CPPUNIT_ASSERT_EQUAL(std::string("console.log('hi');"), stale.body);
    }

    void testIfModifiedSinceGives304()
    {
        const HttpCall::Result first = HttpCall::get(_hub->port(), "/app.js");
        const std::string modified = first.response.get("Last-Modified");
        CPPUNIT_ASSERT_EQUAL(
            304, HttpCall::get(_hub->port(), "/app.js", {{"If-Modified-Since", modified}}).status);
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(_hub->port(), "/app.js",
                                                {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}})
                                      .status);
        CPPUNIT_ASSERT_EQUAL(
            200, HttpCall::get(_hub->port(), "/app.js", {{"If-Modified-Since", "yesterday"}}).status);
        // If-None-Match decides when both are sent.
        CPPUNIT_ASSERT_EQUAL(200,
                             HttpCall::get(_hub->port(), "/app.js",
                                           {{"If-Modified-Since", modified}, {"If-None-Match", "\"1-2\""}})
                                 .status);
    }

    void testChangedFileIsSentAgain()
    {
        const std::string tag = HttpCall::get(_hub->port(), "/app.js").response.get("ETag");
        write(_root + "/app.js", "console.log('changed');");
        fs::last_write_time(_root + "/app.js",
                            fs::last_write_time(_root + "/app.js") + std::chrono::seconds(5));
        const HttpCall::Result result = HttpCall::get(_hub->port(), "/app.js", {{"If-None-Match", tag}});
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("console.log('changed');"), result.body);
        CPPUNIT_ASSERT(result.response.get("ETag") != tag);
    }

    void testHeadSendsHeadersOnly()
    {
        const HttpCall::Result result = HttpCall::send(_hub->port(), "HEAD", "/app.js", "", "", {});
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string(), result.body);
        CPPUNIT_ASSERT_EQUAL(std::streamsize(18), result.response.getContentLength());
        CPPUNIT_ASSERT_EQUAL(std::string("text/javascript; charset=utf-8"), result.response.getContentType());
    }

    void testConnectionIsReusedAfter304()
    {
        Poco::Net::HTTPClientSession session("127.0.0.1", _hub->port());
        session.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::Net::HTTPRequest first(Poco::Net::HTTPRequest::HTTP_GET, "/app.js",
                                     Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(first);
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        const std::string tag = response.get("ETag");

        Poco::Net::HTTPRequest revalidate(Poco::Net::HTTPRequest::HTTP_GET, "/app.js",
                                          Poco::Net::HTTPMessage::HTTP_1_1);
        revalidate.set("If-None-Match", tag);
        session.sendRequest(revalidate);
        body.clear();
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        CPPUNIT_ASSERT_EQUAL(304, static_cast<int>(response.getStatus()));

        Poco::Net::HTTPRequest again(Poco::Net::HTTPRequest::HTTP_GET, "/css/site.css",
                                     Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(again);
        body.clear();
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        CPPUNIT_ASSERT_EQUAL(200, static_cast<int>(response.getStatus()));
        CPPUNIT_ASSERT_EQUAL(std::string("body { margin: 0 }"), body);
    }

    void testPathsOutsideTheRootAre404()
    {
        for (const char* path :
             {"/../outside.txt", "/css/../../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E/outside.txt",
              "/..%2foutside.txt", "/%2e%2e%2foutside.txt", "/%252e%252e/outside.txt",
              "/%252e%252e%252foutside.txt", "/..%5coutside.txt", "/..\\outside.txt", "/escape.txt",
              "/up/outside.txt", "/.env", "/app.js%00.txt", "/missing.html"})
            assertJson404(HttpCall::get(_hub->port(), path), path);
    }

    void testFoldersAreNotListed()
    {
        assertJson404(HttpCall::get(_hub->port(), "/css/"), "/css/");
        assertJson404(HttpCall::get(_hub->port(), "/css"), "/css");
    }

    void testRoutesComeBeforeFiles()
    {
        write(_root + "/healthz", "a file that a route hides");
        const HttpCall::Result health = HttpCall::get(_hub->port(), "/healthz");
        CPPUNIT_ASSERT_EQUAL(200, health.status);
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), health.jsonString("status"));
        assertJson404(HttpCall::post(_hub->port(), "/api/nothing", "{}"), "POST /api/nothing");
    }

    void testOtherMethodsOnFilesAre405()
    {
        const HttpCall::Result result = HttpCall::post(_hub->port(), "/index.html", "{}");
        CPPUNIT_ASSERT_EQUAL(405, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GET, HEAD, OPTIONS"), result.response.get("Allow", ""));
        CPPUNIT_ASSERT(!result.jsonString("error").empty());
    }

    void testDisabledServesNoFiles()
    {
        TestDaemon hub({{"web.root", _root}, {"web.enabled", "false"}});
        assertJson404(HttpCall::get(hub.port(), "/"), "/ with web disabled");
        assertJson404(HttpCall::get(hub.port(), "/app.js"), "/app.js with web disabled");
    }

    void testMissingRootStopsTheStart()
    {
        const std::string config = _base + "/hub.ini";
        std::ofstream(config) << "[web]\nroot = " << _base << "/no-such-folder\n";
        Poco::Pipe output;
        Poco::ProcessHandle daemon =
            Poco::Process::launch(TestDaemon::buildDir() + "/core/feedhub",
                                  {"--config", config, "--port", "0"}, _base, nullptr, &output, &output);
        Poco::PipeInputStream said(output);
        std::string text;
        Poco::StreamCopier::copyToString(said, text);
        CPPUNIT_ASSERT_EQUAL(static_cast<int>(Poco::Util::Application::EXIT_CONFIG), daemon.wait());
        CPPUNIT_ASSERT_MESSAGE(text, text.find("web.root") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(text, text.find("no-such-folder is not a folder") != std::string::npos);
    }

    void testDefaultRootServesTheDashboard()
    {
        TestDaemon hub;
        const HttpCall::Result result = HttpCall::get(hub.port(), "/");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), result.response.getContentType());
        CPPUNIT_ASSERT(result.body.find("feedhub") != std::string::npos);
    }

private:
    static void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

    std::string contentTypeOf(const std::string& path) const
    {
        const HttpCall::Result result = HttpCall::get(_hub->port(), path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 200, result.status);
        return result.response.getContentType();
    }

    static void assertJson404(const HttpCall::Result& result, const std::string& what)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 404, result.status);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::string("application/json"), result.response.getContentType());
        CPPUNIT_ASSERT_MESSAGE(what, !result.jsonString("error").empty());
        CPPUNIT_ASSERT_MESSAGE(what, result.body.find("SECRET") == std::string::npos);
    }

    std::string _base;
    std::string _root;
    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(StaticFileHandlerTest);
