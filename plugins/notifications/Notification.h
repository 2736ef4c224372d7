//
// Notification.h
//
// Definition of the Notification class.
//

#ifndef feedhub_notifications_Notification_INCLUDED
#define feedhub_notifications_Notification_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>

namespace feedhub::notifications
{

class Notification
    /// One notification: a type from the configured list, a message and
    /// optional data of any JSON kind.
{
public:
    Notification(std::string type, std::string message, Poco::Dynamic::Var data = Poco::Dynamic::Var());

    static Notification parse(const Poco::Dynamic::Var& body, const std::vector<std::string>& allowedTypes);
        /// Reads {"type","message","data"?} as POST /api/notify takes it.
        /// Throws Poco::InvalidArgumentException saying what is missing or
        /// wrong; an unknown type's message lists the allowed ones.

    const std::string& type() const { return _type; }
    const std::string& message() const { return _message; }

    std::string eventData(const Poco::Timestamp& time) const;
        /// The event's data: {"type","message","data" if given,"time"}.

private:
    std::string _type;
    std::string _message;
    Poco::Dynamic::Var _data;
};

} // namespace feedhub::notifications

#endif // feedhub_notifications_Notification_INCLUDED
