//
// TaskState.cpp
//

#include "TaskState.h"
#include "feedhub/IsoTime.h"

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

} // namespace feedhub::task_status
