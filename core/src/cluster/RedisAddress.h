//
// RedisAddress.h
//
// Definition of the RedisAddress struct.
//

#ifndef feedhub_RedisAddress_INCLUDED
#define feedhub_RedisAddress_INCLUDED

#include <string>

namespace feedhub
{

struct RedisAddress
    /// Where a Redis server is and how to log in: [cluster] redis_url,
    /// redis://[:password@]host[:port][/db].
{
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string password;
    int database = 0;

    static RedisAddress parse(const std::string& url);
        /// Throws Poco::InvalidArgumentException saying what is wrong with url.

    std::string toString() const;
        /// host:port/db, without the password (for the log).
};

} // namespace feedhub

#endif // feedhub_RedisAddress_INCLUDED
