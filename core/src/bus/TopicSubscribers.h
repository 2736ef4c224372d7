//
// TopicSubscribers.h
//
// Definition of the TopicSubscribers class.
//

#ifndef feedhub_TopicSubscribers_INCLUDED
#define feedhub_TopicSubscribers_INCLUDED

#include "bus/Bus.h"
#include <map>
#include <string>
#include <vector>

namespace feedhub
{

class TopicSubscribers
    /// How many of this process's connections watch each topic: bounded by
    /// the connections' subscriptions, not by what they asked for. Not
    /// thread-safe: a bus guards it with its lock.
{
public:
    void add(const std::string& topic, int delta);
        /// Adds delta to the topic's count; a count of 0 is forgotten.

    std::size_t of(const std::string& topic) const;

    bool watched(const std::string& topic) const { return _counts.count(topic) != 0; }

    std::vector<Bus::TopicStatus> merge(const std::vector<Bus::TopicStatus>& held) const;
        /// held (sorted by name, subscriber counts unset) with the counts
        /// filled in, and the watched topics that hold nothing, by name.

private:
    std::map<std::string, std::size_t> _counts;
};

} // namespace feedhub

#endif // feedhub_TopicSubscribers_INCLUDED
