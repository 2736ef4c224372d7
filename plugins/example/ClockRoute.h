//
// ClockRoute.h
//
// Definition of the ClockRoute class.
//

#ifndef example_ClockRoute_INCLUDED
#define example_ClockRoute_INCLUDED

#include "ClockState.h"
#include "feedhub/Feedhub.h"
#include <memory>

namespace example
{

class ClockRoute : public feedhub::RouteHandler
    /// GET <path>: the last tick as JSON, {"count":<n>,"time":"<ISO 8601>"}.
    ///
    /// It shares the clock's state instead of pointing at the feed, so it
    /// owns what it uses for as long as it exists.
{
public:
    explicit ClockRoute(std::shared_ptr<const ClockState> state);

    void handle(const feedhub::HttpRequest& request, const feedhub::ReplyPtr& reply) override;

private:
    std::shared_ptr<const ClockState> _state;
};

} // namespace example

#endif // example_ClockRoute_INCLUDED
