//
// ChatMemberTest.cpp
//

#include "ChatMember.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::chat::ChatMember;

class ChatMemberTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ChatMemberTest);
    CPPUNIT_TEST(testRecordRoundTrips);
    CPPUNIT_TEST(testOnlyItsTokenProvesIt);
    CPPUNIT_TEST(testKeyIgnoresLetterCase);
    CPPUNIT_TEST(testBadRecordIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRecordRoundTrips()
    {
        const ChatMember member("Ann \xc3\xa9", ChatMember::digestOf("secret"), Poco::Timestamp(1234567));
        const ChatMember read = ChatMember::parse(member.format());
        CPPUNIT_ASSERT_EQUAL(std::string("Ann \xc3\xa9"), read.nick());
        CPPUNIT_ASSERT(read.seen() == Poco::Timestamp(1234567));
        CPPUNIT_ASSERT(read.provenBy(ChatMember::digestOf("secret")));
        CPPUNIT_ASSERT(member.format().find("secret") == std::string::npos);
    }

    void testOnlyItsTokenProvesIt()
    {
        const ChatMember member("ann", ChatMember::digestOf("secret"), Poco::Timestamp());
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ChatMember::digestOf("secret").size());
        CPPUNIT_ASSERT(!member.provenBy(ChatMember::digestOf("Secret")));
        CPPUNIT_ASSERT(!member.provenBy(ChatMember::digestOf("")));
        CPPUNIT_ASSERT(!ChatMember("ann", "", Poco::Timestamp()).provenBy(ChatMember::digestOf("")));
    }

    void testKeyIgnoresLetterCase()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("ann \xc3\x89"), ChatMember::keyOf("ANN \xc3\x89"));
        CPPUNIT_ASSERT_EQUAL(ChatMember::keyOf("Ann"), ChatMember::keyOf("aNN"));
    }

    void testBadRecordIsRefused()
    {
        CPPUNIT_ASSERT_THROW(ChatMember::parse("{\"nick\":\"ann\"}"), Poco::DataFormatException);
        CPPUNIT_ASSERT_THROW(ChatMember::parse("not json"), Poco::DataFormatException);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChatMemberTest);
