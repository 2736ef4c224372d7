//
// Event.cpp
//

#include "feedhub/Event.h"
#include "Poco/NumberFormatter.h"
#include "feedhub/EventJsonFormat.h"
#include "feedhub/EventStreamFormat.h"

namespace feedhub
{

Event::Event(std::string topic, std::uint64_t sequence, std::string type, std::string data,
             Poco::Timestamp time)
    : _topic(std::move(topic)), _sequence(sequence), _type(std::move(type)), _data(std::move(data)),
      _time(time), _frame(EventStreamFormat::event(id(), _type, _data))
{
}

std::string Event::id() const
{
    std::string result(_topic);
    result += ':';
    Poco::NumberFormatter::append(result, static_cast<Poco::UInt64>(_sequence));
    return result;
}

const std::string& Event::json() const
{
    std::call_once(_jsonOnce, [this] { _json = EventJsonFormat::event(*this); });
    return _json;
}

} // namespace feedhub
