//
// TaskState.h
//
// Definition of the TaskState struct.
//

#ifndef feedhub_task_status_TaskState_INCLUDED
#define feedhub_task_status_TaskState_INCLUDED

#include "Poco/JSON/Object.h"
#include "Poco/Timestamp.h"
#include "Poco/Types.h"
#include <string>

namespace feedhub::task_status
{

struct TaskState
    /// Where one task stands: its status, how many times it changed, and when
    /// it last did.
{
    std::string task;
    std::string status;
    Poco::Int64 version = 0;
    Poco::Timestamp time;

    Poco::JSON::Object::Ptr toJson() const;
        /// {"task","status","version","time"}, as events and answers carry it.

    static TaskState fromJson(const Poco::JSON::Object& json);
        /// What toJson() made. Throws Poco::Exception if json is not that.

    std::string toRecord() const;
        /// The status and time as the feed's state keeps them: {"status","micros"}.

    static TaskState fromRecord(const std::string& task, const std::string& record, Poco::Int64 version);
        /// What toRecord() made, with the task and the record's version.
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskState_INCLUDED
