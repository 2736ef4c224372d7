//
// DocumentBoardTest.cpp
//

#include "DocumentBoard.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/JSON/Parser.h"
#include "TestDaemon.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonText.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::collab::DocumentBoard;
using feedhub::collab::DocumentStore;

namespace
{

Poco::Dynamic::Var edits(const std::string& json)
{
    return Poco::JSON::Parser().parse(json);
}

DocumentBoard::Change change(Poco::Int64 base, const std::string& json)
{
    return DocumentBoard::Change{base, edits(json), "c1", "ann"};
}

} // namespace

class DocumentBoardTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DocumentBoardTest);
    CPPUNIT_TEST(testUnknownDocumentIsEmpty);
    CPPUNIT_TEST(testChangesAreHeardInOrder);
    CPPUNIT_TEST(testConflictingChangesBothApply);
    CPPUNIT_TEST(testStaleBaseChangesNothing);
    CPPUNIT_TEST(testBadEditsChangeNothing);
    CPPUNIT_TEST(testSizeAndCountLimits);
    CPPUNIT_TEST(testBadChangeMakesNoDocument);
    CPPUNIT_TEST(testInvalidNamesAreRefused);
    CPPUNIT_TEST(testDocumentsSurviveARestart);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _folder = TestDaemon::makeTempDir();
        _heard.clear();
    }

    void tearDown() override { Poco::File(_folder).remove(true); }

    void testUnknownDocumentIsEmpty()
    {
        auto board = make();
        CPPUNIT_ASSERT_EQUAL(std::string(""), board->read("notes").text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), board->read("notes").version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), board->size());
    }

    void testChangesAreHeardInOrder()
    {
        auto board = make();
        board->submit("notes", change(0, R"([{"at":0,"insert":"h\u00e9llo"}])"));
        const auto outcome =
            board->submit("notes", change(1, R"([{"at":5,"insert":"!"},{"at":0,"delete":1}])"));
        CPPUNIT_ASSERT(!outcome.stale);
        CPPUNIT_ASSERT_EQUAL(std::string("\xc3\xa9llo!"), outcome.document.text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), outcome.document.version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), _heard.size());
        CPPUNIT_ASSERT_EQUAL(std::string("notes 1 [{\"at\":0,\"insert\":\"h\xc3\xa9llo\"}] c1 ann"),
                             _heard[0]);
        CPPUNIT_ASSERT_EQUAL(
            std::string("notes 2 [{\"at\":0,\"delete\":1},{\"at\":4,\"insert\":\"!\"}] c1 ann"), _heard[1]);
    }

    void testConflictingChangesBothApply()
    {
        auto board = make();
        board->submit("notes", change(0, R"([{"at":0,"insert":"abcdef"}])"));
        board->submit("notes", change(1, R"([{"at":1,"delete":4}])"));
        const auto outcome = board->submit("notes", change(1, R"([{"at":3,"insert":"X"}])"));
        CPPUNIT_ASSERT_EQUAL(std::string("aXf"), outcome.document.text);
        CPPUNIT_ASSERT_EQUAL(std::string("notes 3 [{\"at\":1,\"insert\":\"X\"}] c1 ann"), _heard.back());
    }

    void testStaleBaseChangesNothing()
    {
        DocumentBoard::Limits limits;
        limits.keptChanges = 2;
        auto board = make(limits);
        for (int i = 0; i < 3; ++i)
            board->submit("notes", change(i, R"([{"at":0,"insert":"x"}])"));
        const auto outcome = board->submit("notes", change(0, R"([{"at":0,"insert":"y"}])"));
        CPPUNIT_ASSERT(outcome.stale);
        CPPUNIT_ASSERT_EQUAL(std::string("xxx"), outcome.document.text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), outcome.document.version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), _heard.size());
    }

    void testBadEditsChangeNothing()
    {
        auto board = make();
        board->submit("notes", change(0, R"([{"at":0,"insert":"abc"}])"));
        for (const char* bad :
             {R"([{"at":4,"insert":"x"}])", R"([{"at":0,"delete":4}])", R"([{"at":-1,"insert":"x"}])",
              R"([{"at":1.5,"insert":"x"}])", R"([{"at":0,"insert":""}])", R"([{"at":0,"delete":0}])",
              R"([{"at":0}])", R"([{"at":0,"insert":"x","delete":1}])", R"([{"insert":"x"}])",
              R"([{"at":0,"insert":"x"},{"at":9,"insert":"y"}])", R"({"at":0})", R"([1])"})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, board->submit("notes", change(1, bad)),
                                         Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(board->submit("notes", change(2, R"([])")), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), board->read("notes").text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), board->read("notes").version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _heard.size());
    }

    void testSizeAndCountLimits()
    {
        DocumentBoard::Limits limits;
        limits.maxCharacters = 4;
        limits.maxDocuments = 1;
        auto board = make(limits);
        board->submit("notes", change(0, R"([{"at":0,"insert":"\u00e9\u00e9\u00e9\u00e9"}])"));
        try
        {
            board->submit("notes", change(1, R"([{"at":0,"insert":"x"}])"));
            CPPUNIT_FAIL("a fifth character was taken");
        }
        catch (const feedhub::HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(413, static_cast<int>(error.status()));
        }
        try
        {
            board->submit("other", change(0, R"([{"at":0,"insert":"x"}])"));
            CPPUNIT_FAIL("a second document was made");
        }
        catch (const feedhub::HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(507, static_cast<int>(error.status()));
        }
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), board->read("notes").version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board->size());
    }

    void testBadChangeMakesNoDocument()
    {
        DocumentBoard::Limits limits;
        limits.maxDocuments = 1;
        auto board = make(limits);
        CPPUNIT_ASSERT_THROW(board->submit("typo", change(0, R"([{"at":1,"insert":"x"}])")),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(board->submit("typo", change(3, R"([])")), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), board->size());
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), board->submit("notes", change(0, R"([])")).document.version);
    }

    void testInvalidNamesAreRefused()
    {
        auto board = make();
        for (const char* bad : {"", "a/b", "a b", "caf\xc3\xa9", "a:b"})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, board->read(bad), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(board->read(std::string(65, 'a')), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_NO_THROW(board->read("Notes-2026_v1.txt"));
    }

    void testDocumentsSurviveARestart()
    {
        {
            auto board = make();
            board->submit("notes", change(0, R"([{"at":0,"insert":"kept"}])"));
        }
        auto board = make();
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), board->read("notes").text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), board->read("notes").version);
        const auto outcome = board->submit("notes", change(1, R"([{"at":4,"insert":"!"}])"));
        CPPUNIT_ASSERT_EQUAL(std::string("kept!"), outcome.document.text);
    }

private:
    std::unique_ptr<DocumentBoard> make(DocumentBoard::Limits limits = {})
    {
        return std::make_unique<DocumentBoard>(
            limits, std::make_unique<DocumentStore>(_folder + "/docs.db"),
            [this](const std::string& name, Poco::Int64 version, const Poco::JSON::Array::Ptr& edits,
                   const DocumentBoard::Change& change) {
                _heard.push_back(name + " " + std::to_string(version) + " " +
                                 feedhub::JsonText::format(edits) + " " + change.client + " " +
                                 change.author);
            });
    }

    std::string _folder;
    std::vector<std::string> _heard;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DocumentBoardTest);
