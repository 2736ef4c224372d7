//
// DocumentBoardTest.cpp
//

#include "DocumentBoard.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/JSON/Parser.h"
#include "PublishedEdits.h"
#include "TestDaemon.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonText.h"
#include "state/SqliteFeedState.h"
#include <cppunit/extensions/HelperMacros.h>
#include <mutex>
#include <random>
#include <thread>

using feedhub::FeedState;
using feedhub::SqliteFeedState;
using feedhub::collab::DocumentBoard;

namespace
{

Poco::Dynamic::Var edits(const std::string& json)
{
    return Poco::JSON::Parser().parse(json);
}

DocumentBoard::Change change(Poco::Int64 base, const std::string& json, const std::string& client = "c1")
{
    return DocumentBoard::Change{base, edits(json), client, "ann"};
}

class RacingState : public FeedState
    /// Another hub's state on the same records, where a rival hub commits
    /// first the next races times this one commits.
{
public:
    explicit RacingState(FeedState& state) : _state(state) {}

    std::optional<Record> get(const std::string& table, const std::string& key) override
    {
        return _state.get(table, key);
    }

    std::map<std::string, Record> list(const std::string& table) override { return _state.list(table); }

    std::size_t count(const std::string& table) override { return _state.count(table); }

    bool commit(const std::vector<Write>& writes) override
    {
        ++commits;
        if (races > 0)
        {
            --races;
            rival();
        }
        return _state.commit(writes);
    }

    int races = 0;
    std::function<void()> rival;
    int commits = 0;

private:
    FeedState& _state;
};

std::string replay(std::string text, const std::string& edits)
    /// An ASCII text with the published edits applied, as a client applies them.
{
    return PublishedEdits::apply(text, Poco::JSON::Parser().parse(edits).extract<Poco::JSON::Array::Ptr>());
}

std::string randomEdits(std::string text, std::mt19937& random)
    /// One to three random edits to an ASCII text, as JSON.
{
    std::string json = "[";
    const int count = 1 + static_cast<int>(random() % 3);
    for (int i = 0; i < count; ++i)
    {
        json += i > 0 ? "," : "";
        if (text.empty() || random() % 3 != 0)
        {
            const std::size_t at = random() % (text.size() + 1);
            const std::string typed(1 + random() % 3, static_cast<char>('a' + random() % 26));
            text.insert(at, typed);
            json += "{\"at\":" + std::to_string(at) + ",\"insert\":\"" + typed + "\"}";
        }
        else
        {
            const std::size_t at = random() % text.size();
            const std::size_t length = 1 + random() % std::min<std::size_t>(3, text.size() - at);
            text.erase(at, length);
            json += "{\"at\":" + std::to_string(at) + ",\"delete\":" + std::to_string(length) + "}";
        }
    }
    return json + "]";
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
    CPPUNIT_TEST(testTwoHubsConflictingChangesBothApply);
    CPPUNIT_TEST(testLostRaceIsRetried);
    CPPUNIT_TEST(testLosingEveryRaceIsUnavailable);
    CPPUNIT_TEST(testDocumentCountIsEveryHubs);
    CPPUNIT_TEST(testTwoHubsRandomInterleavingConverges);
    CPPUNIT_TEST(testTwoHubsAtOnceLoseNoKeystroke);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _folder = TestDaemon::makeTempDir();
        _state = open();
        _heard.clear();
        _published.clear();
    }

    void tearDown() override
    {
        _state.reset();
        Poco::File(_folder).remove(true);
    }

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
        make()->submit("notes", change(0, R"([{"at":0,"insert":"kept"}])"));
        _state = open();
        auto board = make();
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), board->read("notes").text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), board->read("notes").version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board->size());
        // The changes are kept too: one made to version 0 is rebased onto "kept".
        const auto outcome = board->submit("notes", change(0, R"([{"at":0,"insert":"!"}])"));
        CPPUNIT_ASSERT(!outcome.stale);
        CPPUNIT_ASSERT_EQUAL(std::string("kept!"), outcome.document.text);
    }

    void testTwoHubsConflictingChangesBothApply()
    {
        auto a = make();
        auto otherState = open();
        auto b = make({}, *otherState);
        a->submit("notes", change(0, R"([{"at":0,"insert":"hello world"}])"));
        b->submit("notes", change(1, R"([{"at":6,"delete":5}])", "b"));
        const auto outcome =
            a->submit("notes", change(1, R"([{"at":8,"insert":"X"},{"at":0,"insert":">"}])"));
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), outcome.document.text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), outcome.document.version);
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X"), b->read("notes").text);
        CPPUNIT_ASSERT_EQUAL(std::string("notes 2 [{\"at\":6,\"delete\":5}] b ann"), _heard[1]);
        CPPUNIT_ASSERT_EQUAL(
            std::string("notes 3 [{\"at\":0,\"insert\":\">\"},{\"at\":7,\"insert\":\"X\"}] c1 ann"),
            _heard[2]);
        // b's copy catches up with a's change before rebasing its next one.
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X!"),
                             b->submit("notes", change(3, R"([{"at":8,"insert":"!"}])", "b")).document.text);
        CPPUNIT_ASSERT_EQUAL(std::string(">hello X!"), replayed());
    }

    void testLostRaceIsRetried()
    {
        auto b = make();
        RacingState racing(*_state);
        auto a = make({}, racing);
        a->submit("notes", change(0, R"([{"at":0,"insert":"abc"}])"));
        racing.races = 1;
        racing.rival = [&] { b->submit("notes", change(1, R"([{"at":3,"insert":"B"}])", "b")); };
        const auto outcome = a->submit("notes", change(1, R"([{"at":0,"insert":"A"}])"));
        CPPUNIT_ASSERT_EQUAL(3, racing.commits);
        CPPUNIT_ASSERT_EQUAL(std::string("AabcB"), outcome.document.text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), outcome.document.version);
        CPPUNIT_ASSERT_EQUAL(std::string("notes 2 [{\"at\":3,\"insert\":\"B\"}] b ann"), _heard[1]);
        CPPUNIT_ASSERT_EQUAL(std::string("notes 3 [{\"at\":0,\"insert\":\"A\"}] c1 ann"), _heard[2]);
        CPPUNIT_ASSERT_EQUAL(std::string("AabcB"), replayed());
    }

    void testLosingEveryRaceIsUnavailable()
    {
        auto b = make();
        RacingState racing(*_state);
        auto a = make({}, racing);
        b->submit("notes", change(0, R"([{"at":0,"insert":"abc"}])", "b"));
        racing.races = DocumentBoard::MAX_ATTEMPTS;
        racing.rival = [&] {
            b->submit("notes", change(b->read("notes").version, R"([{"at":0,"insert":"b"}])", "b"));
        };
        try
        {
            a->submit("notes", change(1, R"([{"at":3,"insert":"A"}])"));
            CPPUNIT_FAIL("a change that lost every race was taken");
        }
        catch (const feedhub::HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(503, static_cast<int>(error.status()));
        }
        const auto now = a->read("notes");
        CPPUNIT_ASSERT_EQUAL(std::string(DocumentBoard::MAX_ATTEMPTS, 'b') + "abc", now.text);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1 + DocumentBoard::MAX_ATTEMPTS), now.version);
        CPPUNIT_ASSERT_EQUAL(now.text, replayed());
    }

    void testDocumentCountIsEveryHubs()
    {
        DocumentBoard::Limits limits;
        limits.maxDocuments = 2;
        auto a = make(limits);
        auto otherState = open();
        auto b = make(limits, *otherState);
        a->submit("one", change(0, R"([{"at":0,"insert":"x"}])"));
        b->submit("two", change(0, R"([{"at":0,"insert":"x"}])"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), a->size());
        try
        {
            a->submit("three", change(0, R"([{"at":0,"insert":"x"}])"));
            CPPUNIT_FAIL("a third document was made");
        }
        catch (const feedhub::HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(507, static_cast<int>(error.status()));
        }
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), a->submit("two", change(1, R"([])")).document.version);
    }

    void testTwoHubsRandomInterleavingConverges()
    {
        // Clients of two hubs send changes made to any of the last few
        // versions they saw; now and then the other hub commits first.
        DocumentBoard::Limits limits;
        limits.keptChanges = 16;
        RacingState first(*_state);
        auto otherState = open();
        RacingState second(*otherState);
        std::vector<std::unique_ptr<DocumentBoard>> boards;
        boards.push_back(make(limits, first));
        boards.push_back(make(limits, second));
        std::vector<std::string> texts{""}; // by version, as the published changes make them
        std::mt19937 random(2026);
        const auto submitOne = [&](std::size_t site) {
            const Poco::Int64 latest = static_cast<Poco::Int64>(texts.size()) - 1;
            const Poco::Int64 base =
                std::max<Poco::Int64>(0, latest - static_cast<Poco::Int64>(random() % 8));
            const std::string json = randomEdits(texts[static_cast<std::size_t>(base)], random);
            CPPUNIT_ASSERT(!boards[site]->submit("notes", change(base, json, std::to_string(site))).stale);
        };
        _onPublished = [&](Poco::Int64 version, const std::string& json) {
            CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(texts.size()), version);
            texts.push_back(replay(texts.back(), json));
        };
        first.rival = [&] { submitOne(1); };
        second.rival = [&] { submitOne(0); };
        const int submits = 300;
        for (int i = 0; i < submits; ++i)
        {
            const std::size_t site = random() % 2;
            (site == 0 ? first : second).races = random() % 4 == 0 ? 1 : 0;
            submitOne(site);
        }
        CPPUNIT_ASSERT(texts.size() > static_cast<std::size_t>(submits));
        for (const auto& board : boards)
        {
            CPPUNIT_ASSERT_EQUAL(texts.back(), board->read("notes").text);
            CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(texts.size()) - 1, board->read("notes").version);
        }
    }

    void testTwoHubsAtOnceLoseNoKeystroke()
    {
        // Two threads, each a hub with its own connection to the state file,
        // type into one document as fast as they can: the races are real.
        auto otherState = open();
        std::vector<std::unique_ptr<DocumentBoard>> boards;
        boards.push_back(make({}, *_state));
        boards.push_back(make({}, *otherState));
        std::map<Poco::Int64, std::string> published;
        int twice = 0;
        _onPublished = [&](Poco::Int64 version, const std::string& json) {
            twice += published.emplace(version, json).second ? 0 : 1;
        };
        const int typed = 100;
        std::vector<int> unexpected(2, 0); // errors other than a 503, by site
        const auto type = [&](std::size_t site) {
            for (int i = 0; i < typed; ++i)
            {
                const std::string key = "[" + std::to_string(site) + ":" + std::to_string(i) + "]";
                // A 503 (lost every race) is sent again, as a client does.
                for (bool taken = false; !taken;)
                {
                    const Poco::Int64 base = boards[site]->read("notes").version;
                    try
                    {
                        taken = !boards[site]
                                     ->submit("notes", change(base, R"([{"at":0,"insert":")" + key + "\"}]"))
                                     .stale;
                    }
                    catch (const feedhub::HttpError& error)
                    {
                        unexpected[site] += error.status() == 503 ? 0 : 1;
                        taken = error.status() != 503;
                    }
                }
            }
        };
        std::thread first(type, 0);
        type(1);
        first.join();
        CPPUNIT_ASSERT_EQUAL(0, unexpected[0] + unexpected[1] + twice);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2 * typed), published.size());
        std::string text;
        Poco::Int64 expected = 1;
        for (const auto& [version, json] : published)
        {
            CPPUNIT_ASSERT_EQUAL(expected++, version);
            text = replay(text, json);
        }
        CPPUNIT_ASSERT_EQUAL(text, boards[0]->read("notes").text);
        CPPUNIT_ASSERT_EQUAL(text, boards[1]->read("notes").text);
        std::size_t length = 0;
        for (std::size_t site = 0; site < 2; ++site)
        {
            for (int i = 0; i < typed; ++i)
            {
                const std::string key = "[" + std::to_string(site) + ":" + std::to_string(i) + "]";
                CPPUNIT_ASSERT_MESSAGE(key, text.find(key) != std::string::npos);
                length += key.size();
            }
        }
        CPPUNIT_ASSERT_EQUAL(length, text.size());
    }

private:
    std::unique_ptr<SqliteFeedState> open() const
        /// The state file as a hub opens it: each call a connection of its own.
    {
        return std::make_unique<SqliteFeedState>(_folder + "/collab.db", false);
    }

    std::unique_ptr<DocumentBoard> make(DocumentBoard::Limits limits = {}) { return make(limits, *_state); }

    std::unique_ptr<DocumentBoard> make(DocumentBoard::Limits limits, FeedState& state)
    {
        return std::make_unique<DocumentBoard>(
            limits, state,
            [this](const std::string& name, Poco::Int64 version, const Poco::JSON::Array::Ptr& edits,
                   const DocumentBoard::Change& change) {
                // Boards on two threads may be heard at once.
                std::lock_guard<std::mutex> lock(_listening);
                const std::string json = feedhub::JsonText::format(edits);
                _heard.push_back(name + " " + std::to_string(version) + " " + json + " " + change.client +
                                 " " + change.author);
                _published.push_back(json);
                if (_onPublished)
                    _onPublished(version, json);
            });
    }

    std::string replayed() const
        /// The text the published changes make, applied in the order heard.
    {
        std::string text;
        for (const std::string& edits : _published)
            text = replay(text, edits);
        return text;
    }

    std::string _folder;
    std::unique_ptr<SqliteFeedState> _state;
    std::vector<std::string> _heard;
    std::vector<std::string> _published;
    std::function<void(Poco::Int64, const std::string&)> _onPublished;
    std::mutex _listening;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DocumentBoardTest);
