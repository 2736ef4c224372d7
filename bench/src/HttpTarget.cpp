#include "HttpTarget.h"

#include <cstring>

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

namespace feedhub::bench
{

HttpTarget HttpTarget::resolve(const std::string& url, const std::string& defaultHost, uint16_t defaultPort)
{
    const Poco::URI uri(url);
    if (!uri.getScheme().empty() && uri.getScheme() != "http")
        throw Poco::InvalidArgumentException("only http:// URLs are supported", url);

    HttpTarget target;
    target.host = uri.getHost().empty() ? defaultHost : uri.getHost();
    target.port = uri.getHost().empty() ? defaultPort : uri.getPort();
    target.pathAndQuery = uri.getPathAndQuery();
    if (target.pathAndQuery.empty())
        target.pathAndQuery = "/";

    const Poco::Net::SocketAddress resolved(target.host, target.port);
    target.addressLength = resolved.length();
    std::memcpy(&target.address, resolved.addr(), resolved.length());
    return target;
}

} // namespace feedhub::bench
