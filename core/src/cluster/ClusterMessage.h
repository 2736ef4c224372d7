//
// ClusterMessage.h
//
// Definition of the ClusterMessage struct.
//

#ifndef feedhub_ClusterMessage_INCLUDED
#define feedhub_ClusterMessage_INCLUDED

#include <cstdint>
#include <string>

namespace feedhub
{

struct ClusterMessage
    /// One event as the publish script announces it on the hub's channel:
    /// "<previous> <sequence> <micros> <held> <topic length> <type length>\n"
    /// then the topic, type and data bytes (see RedisScripts::publish()).
{
    std::uint64_t previous = 0;
        /// The hub's sequence before this event: a node that has delivered
        /// another one has missed something.
    std::uint64_t sequence = 0;
    std::int64_t micros = 0;
    std::size_t held = 0;
        /// Events the topic's stream holds with this one.
    std::string topic;
    std::string type;
    std::string data;

    static bool parse(const char* bytes, std::size_t length, ClusterMessage& message);
        /// False if the bytes are not such a message.
};

} // namespace feedhub

#endif // feedhub_ClusterMessage_INCLUDED
