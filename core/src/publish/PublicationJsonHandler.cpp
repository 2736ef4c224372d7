//
// PublicationJsonHandler.cpp
//

#include "publish/PublicationJsonHandler.h"
#include "Poco/JSON/Stringifier.h"
#include "bus/Bus.h"
#include "sse/EventStreamFormat.h"
#include "feedhub/HttpError.h"
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

const std::string NOT_AN_OBJECT = "an event must be a JSON object with \"topic\"";

std::string jsonText(const Poco::Dynamic::Var& value)
{
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(value, text);
    return text.str();
}

} // namespace

PublicationJsonHandler::PublicationJsonHandler() = default;

std::vector<Publication> PublicationJsonHandler::publications() const
{
    if (_batch && (_elements == 0 || _elements > MAX_BATCH))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "a batch holds 1 to 1000 events");
    if (_error)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, *_error);
    return _publications;
}

void PublicationJsonHandler::reset()
{
    _batch = false;
    _depth = 0;
    _elements = 0;
    _error.reset();
    _publications.clear();
    startEvent();
    _data.reset();
    _nestedFrom = 0;
}

void PublicationJsonHandler::startObject()
{
    if (_nestedFrom == 0 && (_depth == 0 || (_batch && _depth == 1)))
    {
        if (_batch)
            ++_elements;
        ++_depth;
        startEvent();
        return;
    }
    startContainer(true);
}

void PublicationJsonHandler::startArray()
{
    if (_nestedFrom == 0 && _depth == 0)
    {
        _batch = true;
        ++_depth;
        return;
    }
    startContainer(false);
}

void PublicationJsonHandler::startContainer(bool object)
{
    ++_depth;
    if (_nestedFrom == 0)
    {
        _nestedFrom = _depth;
        if (_batch && _depth == 2)
        {
            ++_elements;
            refuseEvent(NOT_AN_OBJECT);
        }
        else if (_member == "data")
            _data = std::make_unique<Poco::JSON::ParseHandler>();
        else
            memberNotText(Poco::Dynamic::Var(object)); // any value but null: a container is not text
    }
    if (!_data)
        return;
    if (object)
        _data->startObject();
    else
        _data->startArray();
}

void PublicationJsonHandler::endObject()
{
    if (_nestedFrom == 0 && _depth == eventDepth())
        endEvent();
    endContainer(true);
}

void PublicationJsonHandler::endArray()
{
    endContainer(false);
}

void PublicationJsonHandler::endContainer(bool object)
{
    if (_data)
    {
        if (object)
            _data->endObject();
        else
            _data->endArray();
    }
    if (_depth == _nestedFrom)
    {
        if (_data)
            _event.data = jsonText(_data->asVar());
        _data.reset();
        _nestedFrom = 0;
    }
    --_depth;
}

void PublicationJsonHandler::key(const std::string& name)
{
    if (_data)
        _data->key(name);
    else if (_nestedFrom == 0)
        _member = name;
}

void PublicationJsonHandler::null()
{
    if (_data)
        _data->null();
    else if (takesMemberValue())
        memberNotText(Poco::Dynamic::Var());
}

void PublicationJsonHandler::value(const std::string& text)
{
    if (_data)
    {
        _data->value(text);
        return;
    }
    if (!takesMemberValue())
        return;
    if (_member == "topic")
    {
        _event.topic = text;
        _topic = Field::TEXT;
    }
    else if (_member == "type")
    {
        _event.type = text.empty() ? EventStreamFormat::DEFAULT_TYPE : text;
        _type = Field::TEXT;
    }
    else if (_member == "data")
        _event.data = text;
}

void PublicationJsonHandler::value(int number)
{
    scalar(number);
}

void PublicationJsonHandler::value(unsigned number)
{
    scalar(number);
}

void PublicationJsonHandler::value(Poco::Int64 number)
{
    scalar(number);
}

void PublicationJsonHandler::value(Poco::UInt64 number)
{
    scalar(number);
}

void PublicationJsonHandler::value(double number)
{
    scalar(number);
}

void PublicationJsonHandler::value(bool flag)
{
    scalar(flag);
}

template <typename Scalar> void PublicationJsonHandler::scalar(Scalar value)
{
    if (_data)
        _data->value(value);
    else if (takesMemberValue())
        memberNotText(Poco::Dynamic::Var(value));
}

bool PublicationJsonHandler::takesMemberValue()
{
    if (_nestedFrom != 0)
        return false;
    if (_depth == eventDepth())
        return true;
    // Poco's parser takes only an object or an array as the whole body, so
    // this is a batch element that is not an object.
    ++_elements;
    refuseEvent(NOT_AN_OBJECT);
    return false;
}

void PublicationJsonHandler::memberNotText(const Poco::Dynamic::Var& value)
{
    // An empty value is a null: for topic and type the same as leaving them out.
    const Field field = value.isEmpty() ? Field::MISSING : Field::NOT_TEXT;
    if (_member == "topic")
        _topic = field;
    else if (_member == "type")
    {
        _type = field;
        _event.type = EventStreamFormat::DEFAULT_TYPE;
    }
    else if (_member == "data")
        _event.data = jsonText(value);
}

std::size_t PublicationJsonHandler::eventDepth() const
{
    return _batch ? 2 : 1;
}

void PublicationJsonHandler::startEvent()
{
    _event = Publication();
    _topic = Field::MISSING;
    _type = Field::MISSING;
    _member.clear();
}

void PublicationJsonHandler::endEvent()
{
    if (_topic == Field::MISSING)
        refuseEvent("\"topic\" is required");
    else if (_topic == Field::NOT_TEXT)
        refuseEvent("\"topic\" must be a string");
    else if (_type == Field::NOT_TEXT)
        refuseEvent("\"type\" must be a string");
    else if (!_error && _publications.size() < MAX_BATCH)
        _publications.push_back(std::move(_event));
}

void PublicationJsonHandler::refuseEvent(const std::string& message)
{
    if (!_error)
        _error = _batch ? Bus::batchItem(_elements - 1) + ": " + message : message;
}

} // namespace feedhub
