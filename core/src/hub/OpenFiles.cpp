//
// OpenFiles.cpp
//

#include "hub/OpenFiles.h"
#include "Poco/NumberFormatter.h"
#include <algorithm>
#include <sys/resource.h>

namespace feedhub
{

namespace
{

// The fewest connections a hub is sized for, however low the limit.
constexpr std::size_t MIN_CONNECTIONS = 16;

std::string number(std::size_t value)
{
    return Poco::NumberFormatter::format(static_cast<Poco::UInt64>(value));
}

} // namespace

std::size_t OpenFiles::raiseLimit()
{
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max)
    {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    return limit();
}

std::size_t OpenFiles::limit()
{
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY)
        return 1 << 20;
    return static_cast<std::size_t>(files.rlim_cur);
}

std::vector<std::string> OpenFiles::fit(HubSettings& settings, std::size_t openFiles)
{
    std::vector<std::string> warnings;
    const std::size_t available = std::max(MIN_CONNECTIONS, openFiles > RESERVED ? openFiles - RESERVED : 0);
    if (settings.maxConnections == 0)
        settings.maxConnections = available;
    else if (settings.maxConnections > available)
    {
        warnings.push_back("[server] max_connections = " + number(settings.maxConnections) +
                           " is more than the open-files limit of " + number(openFiles) + " allows; serving at most " +
                           number(available) + " connections (raise the limit: LimitNOFILE=, ulimit -n)");
        settings.maxConnections = available;
    }
    if (settings.maxSubscribers > settings.maxConnections)
    {
        warnings.push_back("[sse] max_subscribers = " + number(settings.maxSubscribers) + " is more than the " +
                           number(settings.maxConnections) + " connections the hub may hold (the open-files limit is " +
                           number(openFiles) + "); serving at most " + number(settings.maxConnections) +
                           " subscribers");
        settings.maxSubscribers = settings.maxConnections;
    }
    return warnings;
}

} // namespace feedhub
