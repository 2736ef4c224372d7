//
// RequestRouterTest.cpp
//

#include "http/RequestRouter.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::RequestRouter;

namespace
{

class NamedHandler : public feedhub::RouteHandler
{
public:
    NamedHandler() : RouteHandler("GET") {}

    void handle(const feedhub::HttpRequest&, const feedhub::ReplyPtr&) override {}
};

} // namespace

class RequestRouterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestRouterTest);
    CPPUNIT_TEST(testExactPathsMatchOnlyThemselves);
    CPPUNIT_TEST(testFolderServesThePathsUnderIt);
    CPPUNIT_TEST(testDeeperMountWins);
    CPPUNIT_TEST(testTakenPathIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _fallback = std::make_shared<NamedHandler>();
        _router.setFallback(_fallback, RequestRouter::Runs::ON_LOOP);
    }

    void testExactPathsMatchOnlyThemselves()
    {
        auto topics = std::make_shared<NamedHandler>();
        _router.mount("/topics", topics, RequestRouter::Runs::ON_LOOP);
        CPPUNIT_ASSERT(_router.find("/topics").handler == topics);
        CPPUNIT_ASSERT(_router.find("/topics/x").handler == _fallback);
        CPPUNIT_ASSERT(_router.find("/topicsx").handler == _fallback);
        CPPUNIT_ASSERT(_router.find("/").handler == _fallback);
    }

    void testFolderServesThePathsUnderIt()
    {
        auto docs = std::make_shared<NamedHandler>();
        _router.mount("/api/docs/", docs, RequestRouter::Runs::ON_WORKER);
        CPPUNIT_ASSERT(_router.find("/api/docs/").handler == docs);
        CPPUNIT_ASSERT(_router.find("/api/docs/notes").handler == docs);
        CPPUNIT_ASSERT(_router.find("/api/docs/a/b").handler == docs);
        CPPUNIT_ASSERT(_router.find("/api/docs/notes").runs == RequestRouter::Runs::ON_WORKER);
        CPPUNIT_ASSERT(_router.find("/api/docs").handler == _fallback);
        CPPUNIT_ASSERT(_router.find("/api/docsx/notes").handler == _fallback);
        _router.unmount("/api/docs/");
        CPPUNIT_ASSERT(_router.find("/api/docs/notes").handler == _fallback);
    }

    void testDeeperMountWins()
    {
        auto api = std::make_shared<NamedHandler>();
        auto chat = std::make_shared<NamedHandler>();
        auto lobby = std::make_shared<NamedHandler>();
        _router.mount("/api/", api, RequestRouter::Runs::ON_WORKER);
        _router.mount("/api/chat/", chat, RequestRouter::Runs::ON_WORKER);
        _router.mount("/api/chat/lobby", lobby, RequestRouter::Runs::ON_WORKER);
        CPPUNIT_ASSERT(_router.find("/api/chat/kitchen").handler == chat);
        CPPUNIT_ASSERT(_router.find("/api/chat/lobby").handler == lobby);
        CPPUNIT_ASSERT(_router.find("/api/chat/lobby/x").handler == chat);
        CPPUNIT_ASSERT(_router.find("/api/stock").handler == api);
    }

    void testTakenPathIsRefused()
    {
        _router.mount("/api/docs/", std::make_shared<NamedHandler>(), RequestRouter::Runs::ON_WORKER);
        CPPUNIT_ASSERT_THROW(
            _router.mount("/api/docs/", std::make_shared<NamedHandler>(), RequestRouter::Runs::ON_WORKER),
            Poco::ExistsException);
    }

private:
    RequestRouter _router;
    std::shared_ptr<NamedHandler> _fallback;
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestRouterTest);
