//
// ChatFeed.h
//
// Definition of the ChatFeed class.
//

#ifndef feedhub_chat_ChatFeed_INCLUDED
#define feedhub_chat_ChatFeed_INCLUDED

#include "ChatBoard.h"
#include "feedhub/Feed.h"

namespace feedhub::chat
{

class ChatFeed : public Feed
    /// Multi-room chat: rooms with their last messages and members, kept in
    /// the feed's state so that every hub of a cluster serves one chat, each
    /// room's events on chat.<room> (see ChatBoard), served under path (see
    /// ChatHandler). Members not seen for member_timeout_seconds leave, by
    /// the sweep of whichever hub comes first. Rooms matching a glob of
    /// private_rooms need a hub token naming chat.<room>.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(FeedContext& context) override;

private:
    ChatBoard::Limits _limits;
    std::vector<std::string> _rooms;
    std::vector<std::string> _privateRooms;
    std::size_t _rateMessages = 0;
    Poco::Timespan _rateWindow;
    std::string _path;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatFeed_INCLUDED
