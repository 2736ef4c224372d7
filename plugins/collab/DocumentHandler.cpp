//
// DocumentHandler.cpp
//

#include "DocumentHandler.h"
#include "Poco/JSON/Object.h"
#include "feedhub/HttpError.h"

namespace feedhub::collab
{

using Poco::Net::HTTPResponse;

namespace
{

std::string optionalLabel(const Poco::JSON::Object& body, const std::string& name)
{
    if (!body.has(name))
        return {};
    const Poco::Dynamic::Var value = body.get(name);
    if (!value.isString() || value.extract<std::string>().size() > 64)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "\"" + name + "\" must be a string of at most 64 bytes");
    return value.extract<std::string>();
}

Poco::JSON::Object::Ptr snapshotJson(const DocumentBoard::Snapshot& snapshot)
{
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
    json->set("text", snapshot.text);
    json->set("version", snapshot.version);
    return json;
}

} // namespace

DocumentHandler::DocumentHandler(std::string folder, std::shared_ptr<DocumentBoard> board,
                                 FeedContext& context)
    : RouteHandler("GET, POST"), _folder(std::move(folder)), _board(std::move(board)), _context(context)
{
}

std::string DocumentHandler::topicOf(const std::string& name)
{
    return "doc." + name;
}

void DocumentHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    const std::string name = request.path().substr(_folder.size());
    DocumentBoard::checkName(name);
    if (request.method() == "GET")
        reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, snapshotJson(_board->read(name))));
    else
        submit(name, request, reply);
}

void DocumentHandler::submit(const std::string& name, const HttpRequest& request, const ReplyPtr& reply)
{
    const Poco::Dynamic::Var body = request.json();
    if (body.type() != typeid(Poco::JSON::Object::Ptr))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "the body must be a JSON object {\"base\":V,\"ops\":[...]}");
    const Poco::JSON::Object& object = *body.extract<Poco::JSON::Object::Ptr>();
    for (const auto& [key, value] : object)
    {
        if (key != "base" && key != "ops" && key != "client" && key != "author")
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                            "unknown field \"" + key + "\": a change has base, ops, client and author");
    }
    if (!object.has("base") || !object.get("base").isInteger() ||
        object.get("base").convert<Poco::Int64>() < 0)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "\"base\" must be the version the edits were made to");
    if (!object.has("ops"))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"ops\" is required");
    const DocumentBoard::Change change{object.get("base").convert<Poco::Int64>(), object.get("ops"),
                                       optionalLabel(object, "client"), optionalLabel(object, "author")};
    // Claimed before the document's first change, so nobody publishes on its
    // topic first.
    _context.claimTopic(topicOf(name));
    const DocumentBoard::Outcome outcome = _board->submit(name, change);
    if (outcome.stale)
    {
        Poco::JSON::Object::Ptr answer = snapshotJson(outcome.document);
        answer->set("error", "the base version is older than the changes kept: start again from this text");
        reply->send(HttpResponse::json(HTTPResponse::HTTP_CONFLICT, answer));
        return;
    }
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    answer->set("version", outcome.document.version);
    reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, answer));
}

} // namespace feedhub::collab
