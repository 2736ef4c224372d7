//
// DocumentStore.h
//
// Definition of the DocumentStore class.
//

#ifndef feedhub_collab_DocumentStore_INCLUDED
#define feedhub_collab_DocumentStore_INCLUDED

#include "Poco/Data/Session.h"
#include "Poco/Types.h"
#include <mutex>
#include <string>
#include <vector>

namespace feedhub::collab
{

class DocumentStore
    /// The documents' texts and versions in the feed's own SQLite file, so a
    /// restarted hub serves each document as it was last acknowledged.
    /// Thread-safe.
{
public:
    struct Stored
    {
        std::string name;
        std::string text; /// UTF-8
        Poco::Int64 version;
    };

    explicit DocumentStore(const std::string& path);
        /// Opens the file, creating it and its directory if needed. Throws
        /// Poco::Exception (a Poco::Data one) if that fails.

    std::vector<Stored> load();

    void save(const Stored& document);
        /// Inserts or replaces the document's row; throws if the write fails.

private:
    std::mutex _mutex;
    Poco::Data::Session _session;
};

} // namespace feedhub::collab

#endif // feedhub_collab_DocumentStore_INCLUDED
