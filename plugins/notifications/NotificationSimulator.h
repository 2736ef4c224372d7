//
// NotificationSimulator.h
//
// Definition of the NotificationSimulator class.
//

#ifndef feedhub_notifications_NotificationSimulator_INCLUDED
#define feedhub_notifications_NotificationSimulator_INCLUDED

#include "Notification.h"
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace feedhub::notifications
{

class NotificationSimulator
    /// Makes up plausible notifications of the configured types, for demos
    /// and dashboards with nothing real to show yet. Not thread-safe: the
    /// feed calls it from its timer only.
{
public:
    NotificationSimulator(std::vector<std::string> types, std::uint32_t seed);

    Notification next();
        /// A notification of a random type, marked {"simulated": true} in its data.

private:
    std::string messageFor(const std::string& type);

    std::vector<std::string> _types;
    std::mt19937 _random;
};

} // namespace feedhub::notifications

#endif // feedhub_notifications_NotificationSimulator_INCLUDED
