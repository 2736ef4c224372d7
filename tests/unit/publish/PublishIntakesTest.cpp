//
// PublishIntakesTest.cpp
//

#include "publish/PublishIntakes.h"
#include "Poco/Exception.h"
#include "feedhub/HttpError.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::HttpError;
using feedhub::HttpRequest;
using feedhub::Publication;
using feedhub::PublishIntake;
using feedhub::PublishIntakes;

namespace
{

class NamedIntake : public PublishIntake
    /// Answers its name and the topic it took.
{
public:
    explicit NamedIntake(std::string name) : _name(std::move(name)) {}

    std::string take(const HttpRequest&, const Publication& publication) override
    {
        return _name + ":" + publication.topic;
    }

private:
    std::string _name;
};

Publication to(const std::string& topic)
{
    Publication publication;
    publication.topic = topic;
    return publication;
}

} // namespace

class PublishIntakesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PublishIntakesTest);
    CPPUNIT_TEST(testTopicsGoToTheIntakeOfTheirPrefix);
    CPPUNIT_TEST(testOverlappingPrefixesAreRefused);
    CPPUNIT_TEST(testBatchHoldingAnIntakesTopicIsRefused);
    CPPUNIT_TEST(testRemovedPrefixGoesToTheBusAgain);
    CPPUNIT_TEST(testIntakeFoundKeepsItsPluginAfterRemoval);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTopicsGoToTheIntakeOfTheirPrefix()
    {
        PublishIntakes intakes;
        add(intakes, "chat.", "chat");
        add(intakes, "doc.", "collab");
        const HttpRequest request;
        CPPUNIT_ASSERT_EQUAL(std::string("chat:chat.lobby"),
                             (*intakes.intakeFor({to("chat.lobby")}))(request, to("chat.lobby")));
        CPPUNIT_ASSERT_EQUAL(std::string("collab:doc.a"),
                             (*intakes.intakeFor({to("doc.a")}))(request, to("doc.a")));
        for (const char* other : {"chat", "chatter", "cha", "doc", "news", "a", "z"})
            CPPUNIT_ASSERT_MESSAGE(other, !intakes.intakeFor({to(other)}));
        CPPUNIT_ASSERT(!intakes.intakeFor({to("news"), to("alerts")}));
    }

    void testOverlappingPrefixesAreRefused()
    {
        PublishIntakes intakes;
        add(intakes, "chat.", "chat");
        CPPUNIT_ASSERT_THROW(add(intakes, "chat.", "other"), Poco::ExistsException);
        CPPUNIT_ASSERT_THROW(add(intakes, "chat.staff.", "other"), Poco::ExistsException);
        CPPUNIT_ASSERT_THROW(add(intakes, "cha", "other"), Poco::ExistsException);
        try
        {
            add(intakes, "c", "other");
            CPPUNIT_FAIL("an overlapping prefix was taken");
        }
        catch (const Poco::ExistsException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("topic prefix c overlaps chat., taken by feed chat"),
                                 exc.message());
        }
        CPPUNIT_ASSERT_THROW(add(intakes, "", "other"), Poco::InvalidArgumentException);
        add(intakes, "chats", "other");
        const HttpRequest request;
        CPPUNIT_ASSERT_EQUAL(std::string("chat:chat.x"),
                             (*intakes.intakeFor({to("chat.x")}))(request, to("chat.x")));
    }

    void testBatchHoldingAnIntakesTopicIsRefused()
    {
        PublishIntakes intakes;
        add(intakes, "chat.", "chat");
        try
        {
            intakes.intakeFor({to("news"), to("chat.lobby")});
            CPPUNIT_FAIL("a batch with a chat topic was taken");
        }
        catch (const HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, error.status());
            CPPUNIT_ASSERT_EQUAL(
                std::string("batch item 1 (counting from 0): topic 'chat.lobby' goes to the feed "
                            "chat, which takes one publication at a time: publish it alone, not "
                            "in a batch"),
                std::string(error.what()));
        }
        CPPUNIT_ASSERT_THROW(intakes.intakeFor({to("chat.a"), to("chat.b")}), HttpError);
    }

    void testRemovedPrefixGoesToTheBusAgain()
    {
        PublishIntakes intakes;
        add(intakes, "chat.", "chat");
        intakes.remove("chat.");
        CPPUNIT_ASSERT(!intakes.intakeFor({to("chat.lobby")}));
        CPPUNIT_ASSERT(!intakes.intakeFor({to("news"), to("chat.lobby")}));
        add(intakes, "chat.staff.", "other");
        CPPUNIT_ASSERT(intakes.intakeFor({to("chat.staff.a")}));
    }

    void testIntakeFoundKeepsItsPluginAfterRemoval()
    {
        PublishIntakes intakes;
        auto plugin = std::make_shared<int>(1);
        intakes.add("chat.", "chat", std::make_shared<NamedIntake>("chat"), plugin);
        std::optional<PublishIntakes::Intake> found = intakes.intakeFor({to("chat.lobby")});
        intakes.remove("chat.");
        std::weak_ptr<int> loaded = plugin;
        plugin.reset();
        CPPUNIT_ASSERT(!loaded.expired());
        CPPUNIT_ASSERT_EQUAL(std::string("chat:chat.lobby"), (*found)(HttpRequest(), to("chat.lobby")));
        found.reset();
        CPPUNIT_ASSERT(loaded.expired());
    }

private:
    static void add(PublishIntakes& intakes, const std::string& prefix, const std::string& feed)
    {
        intakes.add(prefix, feed, std::make_shared<NamedIntake>(feed), std::make_shared<int>(0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishIntakesTest);
