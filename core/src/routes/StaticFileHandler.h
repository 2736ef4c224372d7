//
// StaticFileHandler.h
//
// Definition of the StaticFileHandler class.
//

#ifndef feedhub_StaticFileHandler_INCLUDED
#define feedhub_StaticFileHandler_INCLUDED

#include "routes/WebRoot.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class StaticFileHandler : public RouteHandler
/// Serves the files of a WebRoot (the dashboard) for paths no route takes.
///
/// Answers GET and HEAD with the file's content type, an ETag and a
/// Last-Modified, and 304 when the browser's copy is current
/// (If-None-Match, else If-Modified-Since). Reads from disk, so it runs on
/// a worker thread. Browsers are told to
/// revalidate every time, so a new dashboard shows on the next load. HTML
/// gets a Content-Security-Policy that allows nothing off the hub's own
/// origin. A path that names no servable file is a JSON 404 whatever the
/// method, as it was before static files existed.
{
public:
    explicit StaticFileHandler(const WebRoot& root);

    static std::string contentType(const std::string& path);
    /// The media type sent for a file, from its extension.
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    const WebRoot _root;
};

} // namespace feedhub

#endif // feedhub_StaticFileHandler_INCLUDED
