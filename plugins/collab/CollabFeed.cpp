//
// CollabFeed.cpp
//

#include "CollabFeed.h"
#include "DocumentHandler.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "feedhub/FeedContext.h"
#include "feedhub/HttpError.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"
#include "feedhub/PluginApi.h"

namespace feedhub::collab
{

namespace
{

std::size_t readCount(const Poco::Util::AbstractConfiguration& section, const std::string& key,
                      std::size_t fallback)
{
    const int value = section.getInt(key, static_cast<int>(fallback));
    if (value < 1)
        throw Poco::InvalidArgumentException(key + " must be at least 1");
    return static_cast<std::size_t>(value);
}

} // namespace

std::string CollabFeed::name() const
{
    return "collaborative documents";
}

std::vector<std::string> CollabFeed::keys() const
{
    return {"path", "max_documents", "max_document_chars", "max_edits", "kept_versions"};
}

void CollabFeed::configure(const Poco::Util::AbstractConfiguration& section)
{
    const DocumentBoard::Limits defaults;
    _limits.maxDocuments = readCount(section, "max_documents", defaults.maxDocuments);
    _limits.maxCharacters = readCount(section, "max_document_chars", defaults.maxCharacters);
    _limits.maxEdits = readCount(section, "max_edits", defaults.maxEdits);
    _limits.keptChanges = readCount(section, "kept_versions", defaults.keptChanges);
    _path = section.getString("path", "/api/docs/");
    if (_path.size() < 2 || _path.front() != '/' || _path.back() != '/')
        throw Poco::InvalidArgumentException("path must be a folder: start and end with /");
}

void CollabFeed::start(FeedContext& context)
{
    auto board = std::make_shared<DocumentBoard>(
        _limits, context.state(),
        [&context](const std::string& name, Poco::Int64 version, const Poco::JSON::Array::Ptr& edits,
                   const DocumentBoard::Change& change) {
            Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
            data->set("version", version);
            data->set("ops", edits);
            data->set("client", change.client);
            data->set("author", change.author);
            data->set("time", IsoTime::format(Poco::Timestamp()));
            context.publisher().publish(DocumentHandler::topicOf(name), "change", JsonText::format(data));
        });
    try
    {
        context.logger().information("%z documents", board->size());
    }
    catch (const HttpError& error)
    {
        // A state out of reach now (Redis down) is no reason not to serve.
        context.logger().warning("documents not counted: %s", std::string(error.what()));
    }
    context.mount(_path, std::make_shared<DocumentHandler>(_path, board, context));
}

} // namespace feedhub::collab

FEEDHUB_FEED(feedhub::collab::CollabFeed)
