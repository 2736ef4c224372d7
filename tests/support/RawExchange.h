//
// RawExchange.h
//
// Definition of the RawExchange class.
//

#ifndef feedhub_RawExchange_INCLUDED
#define feedhub_RawExchange_INCLUDED

#include "Poco/Types.h"
#include <string>

class RawExchange
    /// Raw bytes to the daemon under test and what comes back, for requests
    /// no HTTP client library would send.
{
public:
    static std::string send(Poco::UInt16 port, const std::string& bytes);
        /// Sends bytes on a fresh connection, ends the sending side, and
        /// returns whatever comes back before the hub closes the connection
        /// or goes quiet for 3 seconds.

    static std::string statusLine(const std::string& answer);
        /// The first line of an answer, without its CRLF.

    static std::string body(const std::string& answer);
        /// What follows the head of an answer.
};

#endif // feedhub_RawExchange_INCLUDED
