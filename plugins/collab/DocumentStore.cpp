//
// DocumentStore.cpp
//

#include "DocumentStore.h"
#include "Poco/Data/SQLite/SessionImpl.h"
#include "Poco/File.h"
#include "Poco/Path.h"

using namespace Poco::Data::Keywords;

namespace feedhub::collab
{

namespace
{

Poco::Data::Session open(const std::string& path)
{
    Poco::File(Poco::Path(path).parent()).createDirectories();
    // A session made directly, not through the global connector registry: the
    // plugin can then be unloaded without leaving a connector behind.
    return Poco::Data::Session(new Poco::Data::SQLite::SessionImpl(path));
}

} // namespace

DocumentStore::DocumentStore(const std::string& path) : _session(open(path))
{
    _session << "CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, text TEXT NOT NULL, "
                "version INTEGER NOT NULL)",
        now;
}

std::vector<DocumentStore::Stored> DocumentStore::load()
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::string> names;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> versions;
    _session << "SELECT name, text, version FROM documents ORDER BY name", into(names), into(texts),
        into(versions), now;
    std::vector<Stored> documents;
    for (std::size_t i = 0; i < names.size(); ++i)
        documents.push_back(Stored{names[i], texts[i], versions[i]});
    return documents;
}

void DocumentStore::save(const Stored& document)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _session << "INSERT OR REPLACE INTO documents (name, text, version) VALUES (?, ?, ?)",
        bind(document.name), bind(document.text), bind(document.version), now;
}

} // namespace feedhub::collab
