//
// ClockRoute.h
//
// Definition of the ClockRoute class.
//

#ifndef feedhub_example_ClockRoute_INCLUDED
#define feedhub_example_ClockRoute_INCLUDED

#include "ClockState.h"
#include "feedhub/Feedhub.h"
#include <memory>

namespace feedhub::example
{

class ClockRoute : public RouteHandler
    /// GET <path>: the last tick as JSON, {"count":<n>,"time":"<ISO 8601>"}.
    ///
    /// It shares the clock's state instead of pointing at the feed, so it
    /// owns what it uses for as long as it exists.
{
public:
    explicit ClockRoute(std::shared_ptr<const ClockState> state);

    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    std::shared_ptr<const ClockState> _state;
};

} // namespace feedhub::example

#endif // feedhub_example_ClockRoute_INCLUDED
