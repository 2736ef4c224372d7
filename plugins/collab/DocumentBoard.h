//
// DocumentBoard.h
//
// Definition of the DocumentBoard class.
//

#ifndef feedhub_collab_DocumentBoard_INCLUDED
#define feedhub_collab_DocumentBoard_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Array.h"
#include "SharedDocument.h"
#include "feedhub/FeedState.h"
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace feedhub::collab
{

class DocumentBoard
    /// The feed's documents by name, kept in the feed's FeedState so that
    /// every hub sharing it serves the same documents:
    ///
    ///   - table "heads", key the name: {"text"}, the record's version being
    ///     the document's;
    ///   - table "changes:<name>", key the version (20 digits, so keys sort):
    ///     {"length","ops"}, the change that made that version as edits to
    ///     the text of length code points before it; the last keptChanges;
    ///   - table "catalog", key "documents": how many documents there are.
    ///
    /// A change is committed at once with the head expecting the version it
    /// was rebased onto, the new change record and the removal of the oldest
    /// kept one: of hubs racing on one document exactly one makes each
    /// version, the others catch up and try again, so all of them agree on
    /// one order of versions. Each board keeps its own copy of a document it
    /// changes (a SharedDocument), caught up from the change records, to
    /// rebase against. Changes to one document on one board are taken one at
    /// a time (committed, then heard by the listener); changes to different
    /// documents and reads do not wait for each other. Thread-safe; every
    /// call but checkName() waits on the state.
{
public:
    struct Limits
    {
        std::size_t maxDocuments = 100;
        std::size_t maxCharacters = 100000; /// code points in one document
        std::size_t maxEdits = 1000;        /// edits in one change
        std::size_t keptChanges = 500;      /// changes a late one may be based on
    };

    struct Snapshot
    {
        std::string text; /// UTF-8
        Poco::Int64 version = 0;
    };

    struct Change
        /// What a client sends: edits made to version base.
    {
        Poco::Int64 base = 0;
        Poco::Dynamic::Var edits;
        std::string client; /// the client's own id, echoed so it knows its change
        std::string author; /// who made it, for the others to show
    };

    struct Outcome
    {
        bool stale = false; /// base is older than what is kept: nothing changed
        Snapshot document;  /// the version made, or the current one if stale
    };

    using Listener = std::function<void(const std::string& name, Poco::Int64 version,
                                        const Poco::JSON::Array::Ptr& edits, const Change& change)>;
        /// Hears each change this board committed, rebased, as edits to the
        /// version before it.

    static constexpr int MAX_ATTEMPTS = 10;
        /// Commits a change tries, each after catching up with the ones that
        /// won the race before it, until it answers 503.

    DocumentBoard(Limits limits, FeedState& state, Listener listener);
        /// A board on state, which must outlive it.

    Snapshot read(const std::string& name) const;
        /// The document, or an empty text at version 0 if there is none yet.

    Outcome submit(const std::string& name, const Change& change);
        /// Applies the change, creating the document if needed. Throws
        /// Poco::InvalidArgumentException for a change that is not one (or
        /// has a base ahead of the document), feedhub::HttpError 413 if the
        /// text would grow past maxCharacters, 507 if a new document would
        /// be one too many and 503 if the state cannot be reached or other
        /// hubs won MAX_ATTEMPTS races in a row; none of them changes
        /// anything.

    std::size_t size() const;
        /// How many documents the state holds.

    static void checkName(const std::string& name);
        /// Throws Poco::InvalidArgumentException unless name is 1 to 64
        /// characters from A-Z a-z 0-9 _ - . (it becomes part of a topic).

private:
    struct Head
        /// A document as its head record holds it.
    {
        std::u32string text;
        Poco::Int64 version = 0;
    };

    struct Entry
    {
        std::mutex mutex;                       /// one change at a time, across its commit
        std::optional<SharedDocument> document; /// this board's copy, once it has one
    };

    std::optional<Outcome> tryCommit(const std::string& name, Entry& entry, const Change& change);
        /// Nothing if another hub made the version first.

    Head readHead(const std::string& name) const;
    void catchUp(const std::string& name, Entry& entry, const Head& head) const;
        /// Brings entry's copy to the head, from the change records.
    SharedDocument loadDocument(const std::string& name, const Head& head) const;
        /// The head with the kept changes that lead to it.

    TextOperation rebase(const SharedDocument& document, const Change& change) const;
        /// The change rebased onto document's text, checked against the limits.

    FeedState::Write countWrite() const;
        /// The catalog's count of documents, one more; throws HttpError 507
        /// if that is too many.

    std::shared_ptr<Entry> entryOf(const std::string& name);
    void forget(const std::string& name, const std::shared_ptr<Entry>& entry);

    Limits _limits;
    FeedState& _state;
    Listener _listener;
    std::mutex _mutex; /// the map, not the documents
    std::map<std::string, std::shared_ptr<Entry>> _documents;
};

} // namespace feedhub::collab

#endif // feedhub_collab_DocumentBoard_INCLUDED
