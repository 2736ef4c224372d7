//
// TextOperationTest.cpp
//

#include "TextOperation.h"
#include "CodePoints.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>
#include <random>

using feedhub::collab::CodePoints;
using feedhub::collab::TextOperation;

namespace
{

std::u32string text(const std::string& utf8)
{
    return CodePoints::fromUtf8(utf8);
}

std::string utf8(const std::u32string& codePoints)
{
    return CodePoints::toUtf8(codePoints);
}

TextOperation insertion(const std::string& base, std::size_t at, const std::string& what)
{
    return TextOperation::insertion(text(base).size(), at, text(what));
}

TextOperation deletion(const std::string& base, std::size_t at, std::size_t count)
{
    return TextOperation::deletion(text(base).size(), at, count);
}

// Both orders of two concurrent changes, as the hub and a client apply them.
std::pair<std::string, std::string> bothWays(const std::string& base, const TextOperation& earlier,
                                             const TextOperation& later)
{
    const auto [earlierAfter, laterAfter] = TextOperation::transform(earlier, later);
    const std::u32string start = text(base);
    return {utf8(laterAfter.apply(earlier.apply(start))), utf8(earlierAfter.apply(later.apply(start)))};
}

TextOperation randomChange(std::mt19937& random, std::size_t length)
{
    TextOperation change;
    std::size_t left = length;
    while (left > 0 || random() % 3 == 0)
    {
        switch (random() % 3)
        {
        case 0:
            change.insert(std::u32string(1 + random() % 3, U'a' + static_cast<char32_t>(random() % 26)));
            break;
        case 1:
            if (left > 0)
            {
                const std::size_t count = 1 + random() % left;
                change.remove(count);
                left -= count;
            }
            break;
        default:
            if (left > 0)
            {
                const std::size_t count = 1 + random() % left;
                change.retain(count);
                left -= count;
            }
            break;
        }
        if (left == 0 && random() % 2 == 0)
            break;
    }
    return change;
}

} // namespace

class TextOperationTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TextOperationTest);
    CPPUNIT_TEST(testPositionsCountCodePoints);
    CPPUNIT_TEST(testInvalidUtf8IsRefused);
    CPPUNIT_TEST(testEditsOutsideTheTextAreRefused);
    CPPUNIT_TEST(testApplyChecksTheLength);
    CPPUNIT_TEST(testSamePositionInsertsPutEarlierFirst);
    CPPUNIT_TEST(testOverlappingDeletesDeleteOnce);
    CPPUNIT_TEST(testSameDeleteTwiceLeavesNothingToDo);
    CPPUNIT_TEST(testInsertInsideDeletedRangeSurvives);
    CPPUNIT_TEST(testInsertAtEdgesOfDeletedRange);
    CPPUNIT_TEST(testComposeIsTheSameAsApplyingInTurn);
    CPPUNIT_TEST(testInsertedThenDeletedIsNothing);
    CPPUNIT_TEST(testNormalFormDoesNotDependOnOrder);
    CPPUNIT_TEST(testRandomTransformsConverge);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPositionsCountCodePoints()
    {
        const std::string base = "h\xc3\xa9llo \xf0\x9f\x98\x80!"; // "héllo 😀!"
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), text(base).size());
        CPPUNIT_ASSERT_EQUAL(std::string("h\xc3\xa9llo \xf0\x9f\x98\x80?!"),
                             utf8(insertion(base, 7, "?").apply(text(base))));
        CPPUNIT_ASSERT_EQUAL(std::string("h\xc3\xa9llo !"), utf8(deletion(base, 6, 1).apply(text(base))));
    }

    void testInvalidUtf8IsRefused()
    {
        CPPUNIT_ASSERT_THROW(text("a\xff"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(text("\xc3"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(text("\xed\xa0\x80"), Poco::InvalidArgumentException); // a surrogate
    }

    void testEditsOutsideTheTextAreRefused()
    {
        CPPUNIT_ASSERT_THROW(insertion("abc", 4, "x"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(deletion("abc", 2, 2), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(deletion("abc", 4, 0), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(std::string("abcx"), utf8(insertion("abc", 3, "x").apply(text("abc"))));
    }

    void testApplyChecksTheLength()
    {
        CPPUNIT_ASSERT_THROW(insertion("abc", 1, "x").apply(text("ab")), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(TextOperation::transform(insertion("abc", 1, "x"), insertion("ab", 1, "y")),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(TextOperation::compose(insertion("abc", 1, "x"), insertion("abc", 1, "y")),
                             Poco::InvalidArgumentException);
    }

    void testSamePositionInsertsPutEarlierFirst()
    {
        const auto [one, other] = bothWays("ab", insertion("ab", 1, "X"), insertion("ab", 1, "Y"));
        CPPUNIT_ASSERT_EQUAL(std::string("aXYb"), one);
        CPPUNIT_ASSERT_EQUAL(one, other);
        const auto [swapped, swappedOther] = bothWays("ab", insertion("ab", 1, "Y"), insertion("ab", 1, "X"));
        CPPUNIT_ASSERT_EQUAL(std::string("aYXb"), swapped);
        CPPUNIT_ASSERT_EQUAL(swapped, swappedOther);
        const auto [atStart, atStartOther] =
            bothWays("", insertion("", 0, "first"), insertion("", 0, "second"));
        CPPUNIT_ASSERT_EQUAL(std::string("firstsecond"), atStart);
        CPPUNIT_ASSERT_EQUAL(atStart, atStartOther);
    }

    void testOverlappingDeletesDeleteOnce()
    {
        const auto [one, other] = bothWays("abcdef", deletion("abcdef", 1, 3), deletion("abcdef", 2, 3));
        CPPUNIT_ASSERT_EQUAL(std::string("af"), one);
        CPPUNIT_ASSERT_EQUAL(one, other);
        const auto [inside, insideOther] =
            bothWays("abcdef", deletion("abcdef", 0, 6), deletion("abcdef", 2, 2));
        CPPUNIT_ASSERT_EQUAL(std::string(""), inside);
        CPPUNIT_ASSERT_EQUAL(inside, insideOther);
    }

    void testSameDeleteTwiceLeavesNothingToDo()
    {
        const TextOperation change = deletion("abc", 1, 1);
        const auto [earlierAfter, laterAfter] = TextOperation::transform(change, change);
        CPPUNIT_ASSERT(earlierAfter.isNoop());
        CPPUNIT_ASSERT(laterAfter.isNoop());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), laterAfter.baseLength());
    }

    void testInsertInsideDeletedRangeSurvives()
    {
        const auto [one, other] = bothWays("abcdef", deletion("abcdef", 1, 4), insertion("abcdef", 3, "X"));
        CPPUNIT_ASSERT_EQUAL(std::string("aXf"), one);
        CPPUNIT_ASSERT_EQUAL(one, other);
        const auto [reversed, reversedOther] =
            bothWays("abcdef", insertion("abcdef", 3, "X"), deletion("abcdef", 1, 4));
        CPPUNIT_ASSERT_EQUAL(std::string("aXf"), reversed);
        CPPUNIT_ASSERT_EQUAL(reversed, reversedOther);
    }

    void testInsertAtEdgesOfDeletedRange()
    {
        const auto [before, beforeOther] =
            bothWays("abcd", deletion("abcd", 1, 2), insertion("abcd", 1, "X"));
        CPPUNIT_ASSERT_EQUAL(std::string("aXd"), before);
        CPPUNIT_ASSERT_EQUAL(before, beforeOther);
        const auto [after, afterOther] = bothWays("abcd", deletion("abcd", 1, 2), insertion("abcd", 3, "X"));
        CPPUNIT_ASSERT_EQUAL(std::string("aXd"), after);
        CPPUNIT_ASSERT_EQUAL(after, afterOther);
    }

    void testComposeIsTheSameAsApplyingInTurn()
    {
        const TextOperation first = insertion("hello", 5, " world");
        const TextOperation second = deletion("hello world", 0, 1);
        const TextOperation both = TextOperation::compose(first, second);
        CPPUNIT_ASSERT_EQUAL(std::string("ello world"), utf8(both.apply(text("hello"))));
        CPPUNIT_ASSERT(second.apply(first.apply(text("hello"))) == both.apply(text("hello")));
    }

    void testInsertedThenDeletedIsNothing()
    {
        const TextOperation both = TextOperation::compose(insertion("ab", 1, "xyz"), deletion("axyzb", 1, 3));
        CPPUNIT_ASSERT(both.isNoop());
    }

    void testNormalFormDoesNotDependOnOrder()
    {
        TextOperation deleteFirst;
        deleteFirst.retain(1).remove(2).insert(U"x").retain(1);
        TextOperation insertFirst;
        insertFirst.retain(1).insert(U"x").remove(2).retain(1);
        CPPUNIT_ASSERT(deleteFirst == insertFirst);
    }

    void testRandomTransformsConverge()
    {
        std::mt19937 random(21);
        for (int round = 0; round < 5000; ++round)
        {
            const std::u32string base(random() % 12, U'.');
            const TextOperation a = randomChange(random, base.size());
            const TextOperation b = randomChange(random, base.size());
            const auto [aAfter, bAfter] = TextOperation::transform(a, b);
            const std::u32string viaA = bAfter.apply(a.apply(base));
            CPPUNIT_ASSERT_MESSAGE("round " + std::to_string(round), viaA == aAfter.apply(b.apply(base)));
            CPPUNIT_ASSERT(TextOperation::compose(a, bAfter).apply(base) == viaA);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TextOperationTest);
