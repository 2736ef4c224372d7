//
// SharedDocumentTest.cpp
//

#include "SharedDocument.h"
#include "Poco/Exception.h"
#include <algorithm>
#include <cppunit/extensions/HelperMacros.h>
#include <deque>
#include <optional>
#include <random>

using feedhub::collab::SharedDocument;
using feedhub::collab::TextOperation;

namespace
{

struct Sent
    /// A change on its way from a site to the hub.
{
    std::size_t site;
    Poco::Int64 base;
    TextOperation change;
};

struct Applied
    /// A change the hub applied, on its way to a site.
{
    std::size_t site;
    Poco::Int64 version;
    TextOperation change;
};

class Site
    /// A client as the editor page is one: it applies its own edits at once,
    /// has at most one change in flight and buffers what it types meanwhile,
    /// and transforms the hub's changes against both (the hub's first, as the
    /// hub applied them first).
{
public:
    Site(std::size_t id, std::u32string text) : _id(id), _text(std::move(text)) {}

    const std::u32string& text() const { return _text; }

    void edit(const TextOperation& change, std::deque<Sent>& toHub)
    {
        _text = change.apply(_text);
        if (!_inFlight)
        {
            _inFlight = change;
            toHub.push_back(Sent{_id, _version, change});
        }
        else
            _buffer = _buffer ? TextOperation::compose(*_buffer, change) : change;
    }

    void receive(const Applied& applied, std::deque<Sent>& toHub)
    {
        _version = applied.version;
        if (applied.site == _id)
        {
            _inFlight = _buffer;
            _buffer.reset();
            if (_inFlight)
                toHub.push_back(Sent{_id, _version, *_inFlight});
            return;
        }
        TextOperation change = applied.change;
        if (_inFlight)
            std::tie(_inFlight, change) = swap(TextOperation::transform(change, *_inFlight));
        if (_buffer)
            std::tie(_buffer, change) = swap(TextOperation::transform(change, *_buffer));
        _text = change.apply(_text);
    }

private:
    static std::pair<TextOperation, TextOperation> swap(const std::pair<TextOperation, TextOperation>& pair)
    {
        return {pair.second, pair.first};
    }

    std::size_t _id;
    std::u32string _text;
    Poco::Int64 _version = 0;
    std::optional<TextOperation> _inFlight;
    std::optional<TextOperation> _buffer;
};

class Simulation
    /// A hub's document and sites with a queue each way, stepped in a random
    /// order.
{
public:
    Simulation(std::size_t sites, unsigned seed, bool insertsOnly)
        : _document(U"start", 0, 1000), _random(seed), _insertsOnly(insertsOnly), _toSites(sites)
    {
        for (std::size_t i = 0; i < sites; ++i)
            _sites.emplace_back(i, _document.text());
    }

    void run(int steps)
    {
        for (int step = 0; step < steps; ++step)
        {
            switch (_random() % 3)
            {
            case 0:
                typeAt(_random() % _sites.size());
                break;
            case 1:
                serveOne();
                break;
            default:
                deliverOne(_random() % _sites.size());
                break;
            }
        }
        while (!_toHub.empty() || anyToDeliver())
        {
            serveOne();
            for (std::size_t i = 0; i < _sites.size(); ++i)
                deliverOne(i);
        }
    }

    const SharedDocument& document() const { return _document; }
    const std::vector<Site>& sites() const { return _sites; }
    const std::u32string& typed() const { return _typed; }

private:
    void typeAt(std::size_t site)
    {
        const std::size_t length = _sites[site].text().size();
        if (!_insertsOnly && length > 0 && _random() % 3 == 0)
        {
            const std::size_t at = _random() % length;
            _sites[site].edit(
                TextOperation::deletion(length, at, 1 + _random() % std::min<std::size_t>(3, length - at)),
                _toHub);
            return;
        }
        // Every keystroke a character of its own, to find it at the end.
        const std::u32string key(1, static_cast<char32_t>(0x100 + _typed.size()));
        _typed += key;
        _sites[site].edit(TextOperation::insertion(length, _random() % (length + 1), key), _toHub);
    }

    void serveOne()
    {
        if (_toHub.empty())
            return;
        const Sent sent = _toHub.front();
        _toHub.pop_front();
        const TextOperation rebased = _document.rebase(sent.base, sent.change);
        _document.apply(rebased);
        for (auto& queue : _toSites)
            queue.push_back(Applied{sent.site, _document.version(), rebased});
    }

    void deliverOne(std::size_t site)
    {
        if (_toSites[site].empty())
            return;
        const Applied applied = _toSites[site].front();
        _toSites[site].pop_front();
        _sites[site].receive(applied, _toHub);
    }

    bool anyToDeliver() const
    {
        for (const auto& queue : _toSites)
        {
            if (!queue.empty())
                return true;
        }
        return false;
    }

    SharedDocument _document;
    std::mt19937 _random;
    bool _insertsOnly;
    std::vector<Site> _sites;
    std::deque<Sent> _toHub;
    std::vector<std::deque<Applied>> _toSites;
    std::u32string _typed;
};

} // namespace

class SharedDocumentTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SharedDocumentTest);
    CPPUNIT_TEST(testChangeToCurrentVersionApplies);
    CPPUNIT_TEST(testLateChangeIsTransformed);
    CPPUNIT_TEST(testBaseAheadIsRefused);
    CPPUNIT_TEST(testStaleBaseIsNotKept);
    CPPUNIT_TEST(testChangeForAnotherLengthIsRefused);
    CPPUNIT_TEST(testMadeWithItsLastChanges);
    CPPUNIT_TEST(testChangesThatDoNotLeadToTheTextAreRefused);
    CPPUNIT_TEST(testTwoSitesConverge);
    CPPUNIT_TEST(testThreeSitesConverge);
    CPPUNIT_TEST(testNoKeystrokeIsLost);
    CPPUNIT_TEST_SUITE_END();

public:
    void testChangeToCurrentVersionApplies()
    {
        SharedDocument document(U"abc", 7, 10);
        document.apply(document.rebase(7, TextOperation::insertion(3, 3, U"d")));
        CPPUNIT_ASSERT(document.text() == U"abcd");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(8), document.version());
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), document.oldestBase());
    }

    void testLateChangeIsTransformed()
    {
        SharedDocument document(U"abc", 0, 10);
        document.apply(document.rebase(0, TextOperation::insertion(3, 0, U">>")));
        document.apply(document.rebase(1, TextOperation::deletion(5, 4, 1)));
        CPPUNIT_ASSERT(document.text() == U">>ab");
        // Made to version 0, between "a" and "b", which have moved since.
        document.apply(document.rebase(0, TextOperation::insertion(3, 1, U"X")));
        CPPUNIT_ASSERT(document.text() == U">>aXb");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), document.version());
    }

    void testBaseAheadIsRefused()
    {
        SharedDocument document(U"abc", 2, 10);
        CPPUNIT_ASSERT_THROW(document.rebase(3, TextOperation::insertion(3, 0, U"x")),
                             Poco::InvalidArgumentException);
    }

    void testStaleBaseIsNotKept()
    {
        SharedDocument document(U"", 0, 2);
        for (int i = 0; i < 3; ++i)
            document.apply(document.rebase(document.version(), TextOperation::insertion(i, 0, U"x")));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), document.oldestBase());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), document.lengthAt(1));
        CPPUNIT_ASSERT_THROW(document.lengthAt(0), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(document.rebase(0, TextOperation::insertion(0, 0, U"y")),
                             Poco::InvalidArgumentException);
    }

    void testChangeForAnotherLengthIsRefused()
    {
        SharedDocument document(U"abc", 0, 10);
        CPPUNIT_ASSERT_THROW(document.rebase(0, TextOperation::insertion(2, 0, U"x")),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT(document.text() == U"abc");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), document.version());
    }

    void testMadeWithItsLastChanges()
    {
        // "ab" at version 5, made by inserting "a" (version 4) and "b" after it (5); kept: 1.
        SharedDocument document(U"ab", 5, 1,
                                {TextOperation::insertion(0, 0, U"a"), TextOperation::insertion(1, 1, U"b")});
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), document.oldestBase());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), document.lengthAt(4));
        const TextOperation late = document.rebase(4, TextOperation::insertion(1, 1, U"!"));
        CPPUNIT_ASSERT(late == TextOperation::insertion(2, 2, U"!"));
    }

    void testChangesThatDoNotLeadToTheTextAreRefused()
    {
        CPPUNIT_ASSERT_THROW(SharedDocument(U"abc", 1, 5, {TextOperation::insertion(0, 0, U"a")}),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(SharedDocument(U"ab", 2, 5, {TextOperation::insertion(0, 0, U"a"),
                                                          TextOperation::insertion(0, 0, U"b")}),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(SharedDocument(U"a", 0, 5, {TextOperation::insertion(0, 0, U"a")}),
                             Poco::InvalidArgumentException);
    }

    void testTwoSitesConverge() { converge(2, false, 3000); }

    void testThreeSitesConverge() { converge(3, false, 3000); }

    void testNoKeystrokeIsLost()
    {
        for (unsigned seed = 0; seed < 1000; ++seed)
        {
            Simulation simulation(3, seed, true);
            simulation.run(60);
            const std::u32string& text = simulation.document().text();
            for (char32_t key : simulation.typed())
                CPPUNIT_ASSERT_EQUAL_MESSAGE(
                    "seed " + std::to_string(seed), std::size_t(1),
                    static_cast<std::size_t>(std::count(text.begin(), text.end(), key)));
            CPPUNIT_ASSERT_EQUAL(std::size_t(5) + simulation.typed().size(), text.size());
        }
    }

private:
    static void converge(std::size_t sites, bool insertsOnly, unsigned runs)
    {
        for (unsigned seed = 0; seed < runs; ++seed)
        {
            Simulation simulation(sites, seed, insertsOnly);
            simulation.run(60);
            for (const Site& site : simulation.sites())
                CPPUNIT_ASSERT_MESSAGE("seed " + std::to_string(seed),
                                       site.text() == simulation.document().text());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SharedDocumentTest);
