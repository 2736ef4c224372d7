//
// StaticFileHandler.cpp
//

#include "routes/StaticFileHandler.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/DateTimeParser.h"
#include "Poco/File.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Path.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "feedhub/HttpError.h"
#include <fstream>
#include <map>
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

namespace
{

// Everything the dashboard loads comes from the hub itself; inline script
// and style stay forbidden so text from events can never become code.
const char* const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string entityTag(const Poco::File& file)
{
    return "\"" + Poco::NumberFormatter::formatHex(static_cast<Poco::UInt64>(file.getSize())) + "-" +
           Poco::NumberFormatter::formatHex(
               static_cast<Poco::UInt64>(file.getLastModified().epochMicroseconds())) +
           "\"";
}

// If-None-Match holds "*" or a list of tags; weak tags match by their value.
bool matchesAnyTag(const std::string& header, const std::string& tag)
{
    Poco::StringTokenizer candidates(header, ",", Poco::StringTokenizer::TOK_TRIM);
    for (std::string candidate : candidates)
    {
        if (candidate.compare(0, 2, "W/") == 0)
            candidate.erase(0, 2);
        if (candidate == "*" || candidate == tag)
            return true;
    }
    return false;
}

bool notModifiedSince(const std::string& header, const Poco::Timestamp& modified)
{
    Poco::DateTime since;
    int zone = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, header, since, zone))
        return false;
    // HTTP dates have whole seconds; the file's time has microseconds.
    return modified.epochTime() <= since.timestamp().epochTime();
}

bool isCurrent(const HttpRequest& request, const std::string& tag,
               const Poco::Timestamp& modified)
{
    if (request.has("If-None-Match"))
        return matchesAnyTag(request.get("If-None-Match", ""), tag);
    return request.has("If-Modified-Since") &&
           notModifiedSince(request.get("If-Modified-Since", ""), modified);
}

} // namespace

StaticFileHandler::StaticFileHandler(const WebRoot& root)
    : RouteHandler("GET, HEAD, POST, PUT, PATCH, DELETE"), _root(root)
{
}

std::string StaticFileHandler::contentType(const std::string& path)
{
    static const std::map<std::string, std::string> types = {
        {"html", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"map", "application/json"},
        {"webmanifest", "application/manifest+json"},
        {"txt", "text/plain; charset=utf-8"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"ico", "image/x-icon"},
        {"woff2", "font/woff2"},
        {"wasm", "application/wasm"},
    };
    auto it = types.find(Poco::toLower(Poco::Path(path).getExtension()));
    return it == types.end() ? "application/octet-stream" : it->second;
}

void StaticFileHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    const std::string path = request.target().substr(0, request.target().find_first_of("?#"));
    const std::string location = _root.locate(path);
    if (location.empty())
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "no route or file at " + path);
    if (request.method() != HTTPRequest::HTTP_GET && request.method() != HTTPRequest::HTTP_HEAD)
    {
        HttpResponse refusal = HttpResponse::error(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                                                   "method " + request.method() +
                                                       " is not allowed on a file; use GET or HEAD");
        refusal.set("Allow", "GET, HEAD, OPTIONS");
        reply->send(refusal);
        return;
    }

    const Poco::File file(location);
    const std::string tag = entityTag(file);
    const Poco::Timestamp modified = file.getLastModified();
    const std::string type = contentType(location);
    const bool current = isCurrent(request, tag, modified);
    HttpResponse response(current ? HTTPResponse::HTTP_NOT_MODIFIED : HTTPResponse::HTTP_OK);
    response.set("ETag", tag);
    response.set("Cache-Control", "no-cache");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Last-Modified", Poco::DateTimeFormatter::format(modified, Poco::DateTimeFormat::HTTP_FORMAT));
    if (type.compare(0, 9, "text/html") == 0)
        response.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    if (!current)
    {
        std::ifstream in(location, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        if (!in)
            throw Poco::FileException("cannot read " + location);
        response.setBody(content.str(), type);
    }
    reply->send(response);
}

} // namespace feedhub
