//
// ClockState.cpp
//

#include "ClockState.h"
#include "Poco/JSON/Object.h"
#include "feedhub/Feedhub.h"

namespace example
{

std::string ClockState::tick(const Poco::Timestamp& now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("count", ++_count);
    data->set("time", feedhub::IsoTime::format(now));
    _last = feedhub::JsonText::format(data);
    return _last;
}

std::string ClockState::last() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _last.empty() ? std::string("{\"count\":0,\"time\":null}") : _last;
}

} // namespace example
