//
// WebRootTest.cpp
//

#include "routes/WebRoot.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <filesystem>
#include <fstream>

using feedhub::WebRoot;
namespace fs = std::filesystem;

class WebRootTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WebRootTest);
    CPPUNIT_TEST(testRootServesIndex);
    CPPUNIT_TEST(testFilesInsideAreFound);
    CPPUNIT_TEST(testFolderWithoutIndexIsNothing);
    CPPUNIT_TEST(testClimbingOutIsRefused);
    CPPUNIT_TEST(testEncodedSeparatorsAreRefused);
    CPPUNIT_TEST(testDotFilesAreHidden);
    CPPUNIT_TEST(testSymlinkInsideIsFollowed);
    CPPUNIT_TEST(testSymlinksPointingOutAreRefused);
    CPPUNIT_TEST(testMalformedPathsAreNothing);
    CPPUNIT_TEST(testMissingRootServesNothing);
    CPPUNIT_TEST(testEmptySettingFallsBackToSourceTree);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _base = fs::canonical(TestDaemon::makeTempDir()).string();
        _root = _base + "/web";
        fs::create_directories(_root + "/css");
        fs::create_directories(_root + "/empty");
        fs::create_directories(_base + "/web-private");
        write(_root + "/index.html", "<h1>hub</h1>");
        write(_root + "/app.js", "run()");
        write(_root + "/css/site.css", "body{}");
        write(_root + "/.secret", "token");
        write(_base + "/outside.txt", "outside");
        write(_base + "/web-private/key.txt", "key");
        fs::create_symlink(_root + "/app.js", _root + "/alias.js");
        fs::create_symlink(_base + "/outside.txt", _root + "/outside-link");
        fs::create_symlink(_base, _root + "/parent-link");
        fs::create_symlink(_base + "/web-private/key.txt", _root + "/sibling-link");
    }

    void tearDown() override { fs::remove_all(_base); }

    void testRootServesIndex()
    {
        const WebRoot root(_root);
        CPPUNIT_ASSERT_EQUAL(_root, root.path());
        CPPUNIT_ASSERT_EQUAL(_root + "/index.html", root.locate("/"));
        CPPUNIT_ASSERT_EQUAL(_root + "/index.html", root.locate("/index.html"));
    }

    void testFilesInsideAreFound()
    {
        const WebRoot root(_root);
        CPPUNIT_ASSERT_EQUAL(_root + "/app.js", root.locate("/app.js"));
        CPPUNIT_ASSERT_EQUAL(_root + "/css/site.css", root.locate("/css/site.css"));
        CPPUNIT_ASSERT_EQUAL(_root + "/css/site.css", root.locate("//css//site.css"));
        CPPUNIT_ASSERT_EQUAL(_root + "/app.js", root.locate("/%61pp.js"));
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/missing.html"));
    }

    void testFolderWithoutIndexIsNothing()
    {
        const WebRoot root(_root);
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/css/"));
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/css"));
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/empty/"));
    }

    void testClimbingOutIsRefused()
    {
        const WebRoot root(_root);
        for (const char* path : {"/../outside.txt", "/css/../../outside.txt", "/css/../app.js", "/./app.js",
                                 "/%2e%2e/outside.txt", "/%2E%2E/outside.txt", "/.%2e/outside.txt",
                                 "/%252e%252e/outside.txt", "/../web-private/key.txt", "/..", "/../"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, std::string(), root.locate(path));
    }

    void testEncodedSeparatorsAreRefused()
    {
        const WebRoot root(_root);
        for (const char* path :
             {"/..%2foutside.txt", "/%2e%2e%2Foutside.txt", "/css%2fsite.css", "/css/..%5c..%5coutside.txt",
              "/..\\outside.txt", "/app.js%00.html", "/app.js%0a"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, std::string(), root.locate(path));
    }

    void testDotFilesAreHidden()
    {
        const WebRoot root(_root);
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/.secret"));
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/%2esecret"));
    }

    void testSymlinkInsideIsFollowed()
    {
        const WebRoot root(_root);
        CPPUNIT_ASSERT_EQUAL(_root + "/app.js", root.locate("/alias.js"));
    }

    void testSymlinksPointingOutAreRefused()
    {
        const WebRoot root(_root);
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/outside-link"));
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/parent-link/outside.txt"));
        // Out and back in again ends inside the root, so it is served.
        CPPUNIT_ASSERT_EQUAL(_root + "/app.js", root.locate("/parent-link/web/app.js"));
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/sibling-link"));
    }

    void testMalformedPathsAreNothing()
    {
        const WebRoot root(_root);
        for (const char* path : {"", "app.js", "/%zz", "/%", "/app.js%"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, std::string(), root.locate(path));
    }

    void testMissingRootServesNothing()
    {
        const WebRoot root(_base + "/no-such-folder");
        CPPUNIT_ASSERT_EQUAL(std::string(), root.path());
        CPPUNIT_ASSERT_EQUAL(std::string(), root.locate("/"));
        const WebRoot file(_root + "/app.js");
        CPPUNIT_ASSERT_EQUAL(std::string(), file.locate("/"));
    }

    void testEmptySettingFallsBackToSourceTree()
    {
        const std::string source = TestDaemon::sourceDir() + "/web";
        const std::string chosen = WebRoot::defaultPath();
        if (chosen != source)
        {
            CPPUNIT_ASSERT_MESSAGE("the installed dashboard is chosen only when it exists",
                                   fs::is_directory(chosen));
            return;
        }
        const WebRoot root("");
        CPPUNIT_ASSERT_EQUAL(fs::canonical(source).string(), root.path());
        CPPUNIT_ASSERT_EQUAL(root.path() + "/index.html", root.locate("/"));
    }

private:
    static void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

    std::string _base;
    std::string _root;
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebRootTest);
