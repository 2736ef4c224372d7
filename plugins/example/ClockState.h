//
// ClockState.h
//
// Definition of the ClockState class.
//

#ifndef example_ClockState_INCLUDED
#define example_ClockState_INCLUDED

#include "Poco/Timestamp.h"
#include "Poco/Types.h"
#include <mutex>
#include <string>

namespace example
{

class ClockState
    /// What the clock feed's timer and its route share: the count of ticks
    /// and the last one. The timer thread writes it while worker threads read
    /// it, hence the mutex.
{
public:
    std::string tick(const Poco::Timestamp& now);
        /// Counts a tick at now and returns its event data,
        /// {"count":<n>,"time":"<ISO 8601>"}.

    std::string last() const;
        /// The data of the last tick, or {"count":0,"time":null} before the first.

private:
    mutable std::mutex _mutex;
    Poco::UInt64 _count = 0;
    std::string _last;
};

} // namespace example

#endif // example_ClockState_INCLUDED
