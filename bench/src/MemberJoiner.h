#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "HttpTarget.h"

namespace feedhub::bench
{

struct JoinResult
{
    size_t joined = 0;   // answered 201
    size_t failures = 0; // any other answer, or no answer, or still 503 after every attempt
    size_t retries = 0;  // 503 answers ("try again") that were tried again
    std::string lastError;
    double seconds = 0;
};

// Makes the run's subscribers members of a chat room before they subscribe:
// member i posts {"nick":"member-<i>"} to targets[i % size] (its own node),
// from a few threads with a keep-alive connection per node each, so joining
// thousands takes seconds and leaves the event loop alone. A 503 ("try
// again": the room changed too often at once) is tried again, as a client
// would, a few times after a short pause.
class MemberJoiner
{
public:
    static JoinResult joinAll(const std::vector<HttpTarget>& targets, size_t members);
        /// targets must not be empty.

    static std::string nickOf(size_t member) { return "member-" + std::to_string(member); }
};

} // namespace feedhub::bench
