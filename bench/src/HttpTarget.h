#pragma once

#include <cstdint>
#include <string>

#include <sys/socket.h>

namespace feedhub::bench
{

// Where one kind of request goes: a resolved socket address plus the request
// target and Host header to send there.
struct HttpTarget
{
    std::string host;
    uint16_t port = 0;
    std::string pathAndQuery;
    sockaddr_storage address{};
    socklen_t addressLength = 0;

    std::string hostHeader() const { return host + ":" + std::to_string(port); }

    // `url` is either absolute (http://host:port/path?query) or just a path
    // with query, which then goes to defaultHost:defaultPort. Throws
    // Poco::Exception on a malformed URL or an unresolvable host.
    static HttpTarget resolve(const std::string& url, const std::string& defaultHost, uint16_t defaultPort);
};

} // namespace feedhub::bench
