//
// TaskState.cpp
//

#include "TaskState.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeParser.h"
#include "Poco/JSON/Parser.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"

namespace feedhub::task_status
{

Poco::JSON::Object::Ptr TaskState::toJson() const
{
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
    json->set("task", task);
    json->set("status", status);
    json->set("version", version);
    json->set("time", IsoTime::format(time));
    return json;
}

TaskState TaskState::fromJson(const Poco::JSON::Object& json)
{
    int zone = 0;
    const Poco::DateTime time =
        Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, json.getValue<std::string>("time"), zone);
    return TaskState{json.getValue<std::string>("task"), json.getValue<std::string>("status"),
                     json.getValue<Poco::Int64>("version"), time.timestamp()};
}

std::string TaskState::toRecord() const
{
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object;
    record->set("status", status);
    record->set("micros", time.epochMicroseconds());
    return JsonText::format(record);
}

TaskState TaskState::fromRecord(const std::string& task, const std::string& record, Poco::Int64 version)
{
    const Poco::JSON::Object::Ptr json = Poco::JSON::Parser().parse(record).extract<Poco::JSON::Object::Ptr>();
    return TaskState{task, json->getValue<std::string>("status"), version,
                     Poco::Timestamp(json->getValue<Poco::Int64>("micros"))};
}

} // namespace feedhub::task_status
