//
// DocumentBoard.h
//
// Definition of the DocumentBoard class.
//

#ifndef feedhub_collab_DocumentBoard_INCLUDED
#define feedhub_collab_DocumentBoard_INCLUDED

#include "DocumentStore.h"
#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Array.h"
#include "SharedDocument.h"
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace feedhub::collab
{

class DocumentBoard
    /// The feed's documents by name, each a SharedDocument kept in the store.
    /// Changes to one document are taken one at a time (stored, then applied,
    /// then heard by the listener, in version order); changes to different
    /// documents and reads do not wait for each other. Thread-safe.
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
        /// Hears each applied change, rebased, as edits to the version before it.

    DocumentBoard(Limits limits, std::unique_ptr<DocumentStore> store, Listener listener);
        /// Loads the stored documents.

    Snapshot read(const std::string& name) const;
        /// The document, or an empty text at version 0 if there is none yet.

    Outcome submit(const std::string& name, const Change& change);
        /// Applies the change, creating the document if needed. Throws
        /// Poco::InvalidArgumentException for a change that is not one (or
        /// has a base ahead of the document), feedhub::HttpError 413 if the
        /// text would grow past maxCharacters and 507 if a new document would
        /// be one too many; none of them changes anything.

    std::size_t size() const;

    static void checkName(const std::string& name);
        /// Throws Poco::InvalidArgumentException unless name is 1 to 64
        /// characters from A-Z a-z 0-9 _ - . (it becomes part of a topic).

private:
    struct Entry
    {
        explicit Entry(SharedDocument document) : document(std::move(document)) {}
        std::mutex mutex; /// one change at a time, across its write
        SharedDocument document;
    };

    TextOperation rebase(const SharedDocument& document, const Change& change) const;
        /// The change rebased onto document's text, checked against the limits.

    std::shared_ptr<Entry> find(const std::string& name) const;
    std::shared_ptr<Entry> findOrCreate(const std::string& name);

    Limits _limits;
    std::unique_ptr<DocumentStore> _store;
    Listener _listener;
    mutable std::mutex _mutex; /// the map, not the documents
    std::map<std::string, std::shared_ptr<Entry>> _documents;
};

} // namespace feedhub::collab

#endif // feedhub_collab_DocumentBoard_INCLUDED
