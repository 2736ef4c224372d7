//
// Event.cpp
//

#include "feedhub/Event.h"
#include "Poco/NumberFormatter.h"
#include "poll/EventJsonFormat.h"
#include "sse/EventStreamFormat.h"

namespace feedhub
{

Event::Event(std::string topic, std::uint64_t sequence, std::string type, std::string data,
             Poco::Timestamp time)
    : _topic(std::move(topic)), _sequence(sequence), _type(std::move(type)), _data(std::move(data)),
      _time(time), _id(_topic)
{
    _id += ':';
    Poco::NumberFormatter::append(_id, static_cast<Poco::UInt64>(_sequence));
}

const std::string& Event::frame() const
{
    std::call_once(_frameOnce, [this] { _frame = EventStreamFormat::event(_id, _type, _data); });
    return _frame;
}

const std::string& Event::json() const
{
    std::call_once(_jsonOnce, [this] { _json = EventJsonFormat::event(*this); });
    return _json;
}

} // namespace feedhub
