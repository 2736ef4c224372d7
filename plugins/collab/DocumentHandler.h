//
// DocumentHandler.h
//
// Definition of the DocumentHandler class.
//

#ifndef feedhub_collab_DocumentHandler_INCLUDED
#define feedhub_collab_DocumentHandler_INCLUDED

#include "DocumentBoard.h"
#include "feedhub/FeedContext.h"
#include "feedhub/RouteHandler.h"

namespace feedhub::collab
{

class DocumentHandler : public RouteHandler
    /// <folder><name>: GET answers {"text","version"}; POST takes
    /// {"base":V,"ops":[edits],"client":"...","author":"..."} (client and
    /// author optional) and answers {"version"} once the change is stored and
    /// published on doc.<name>, or 409 with the current text and version when
    /// base is older than the changes kept.
{
public:
    DocumentHandler(std::string folder, std::shared_ptr<DocumentBoard> board, FeedContext& context);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

    static std::string topicOf(const std::string& name);
        /// "doc." + name.

private:
    void submit(const std::string& name, const HttpRequest& request, const ReplyPtr& reply);

    std::string _folder;
    std::shared_ptr<DocumentBoard> _board;
    FeedContext& _context;
};

} // namespace feedhub::collab

#endif // feedhub_collab_DocumentHandler_INCLUDED
