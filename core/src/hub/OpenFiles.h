//
// OpenFiles.h
//
// Definition of the OpenFiles class.
//

#ifndef feedhub_OpenFiles_INCLUDED
#define feedhub_OpenFiles_INCLUDED

#include "config/HubSettings.h"
#include <string>
#include <vector>

namespace feedhub
{

class OpenFiles
    /// The process's open-files limit, and the connection limits it allows:
    /// every connection is a descriptor, and a hub that accepted more than it
    /// can open would drop clients without a word.
{
public:
    static constexpr std::size_t RESERVED = 64;
        /// Descriptors kept for what is not a connection: the listening socket,
        /// epoll and wake-up descriptors, plugins, logs, databases.

    static std::size_t raiseLimit();
        /// Raises the soft RLIMIT_NOFILE to the hard limit (a daemon started
        /// from a shell keeps the soft 1024 otherwise) and returns the limit
        /// now in force.

    static std::size_t limit();
        /// The soft RLIMIT_NOFILE in force.

    static std::vector<std::string> fit(HubSettings& settings, std::size_t openFiles);
        /// Sizes max_connections from openFiles when it is 0, and lowers it and
        /// max_subscribers to what openFiles allows. Returns a warning for each
        /// setting lowered.
};

} // namespace feedhub

#endif // feedhub_OpenFiles_INCLUDED
