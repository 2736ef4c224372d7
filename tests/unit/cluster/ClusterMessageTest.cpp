//
// ClusterMessageTest.cpp
//

#include "cluster/ClusterMessage.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::ClusterMessage;

namespace
{

bool parse(const std::string& bytes, ClusterMessage& message)
{
    return ClusterMessage::parse(bytes.data(), bytes.size(), message);
}

} // namespace

class ClusterMessageTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ClusterMessageTest);
    CPPUNIT_TEST(testMessageIsRead);
    CPPUNIT_TEST(testDataKeepsNewlinesAndSpaces);
    CPPUNIT_TEST(testMalformedMessagesRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMessageIsRead()
    {
        ClusterMessage message;
        CPPUNIT_ASSERT(parse("1796000000000000 1796000000000001 1796000000000001 7 4 7\nnewsarticle{\"a\":1}", message));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1796000000000000), message.previous);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1796000000000001), message.sequence);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1796000000000001), message.micros);
        CPPUNIT_ASSERT_EQUAL(std::size_t(7), message.held);
        CPPUNIT_ASSERT_EQUAL(std::string("news"), message.topic);
        CPPUNIT_ASSERT_EQUAL(std::string("article"), message.type);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"a\":1}"), message.data);
    }

    void testDataKeepsNewlinesAndSpaces()
    {
        ClusterMessage message;
        CPPUNIT_ASSERT(parse("0 5 5 1 1 1\nabline one\nline 2 \n", message));
        CPPUNIT_ASSERT_EQUAL(std::string("a"), message.topic);
        CPPUNIT_ASSERT_EQUAL(std::string("b"), message.type);
        CPPUNIT_ASSERT_EQUAL(std::string("line one\nline 2 \n"), message.data);
        CPPUNIT_ASSERT(parse("0 5 5 1 1 1\nab", message));
        CPPUNIT_ASSERT(message.data.empty());
    }

    void testMalformedMessagesRefused()
    {
        ClusterMessage message;
        CPPUNIT_ASSERT(!parse("", message));
        CPPUNIT_ASSERT(!parse("hello", message));
        CPPUNIT_ASSERT(!parse("1 2 3 4 5\nabcde", message));
        CPPUNIT_ASSERT(!parse("1 2 3 4 9 9\nshort", message));
        CPPUNIT_ASSERT(!parse("5 5 3 4 1 1\nab", message));
        CPPUNIT_ASSERT(!parse("-1 2 3 4 1 1\nab", message));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClusterMessageTest);
