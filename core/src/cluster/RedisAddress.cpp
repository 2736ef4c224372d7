//
// RedisAddress.cpp
//

#include "cluster/RedisAddress.h"
#include "Poco/Exception.h"
#include "Poco/NumberParser.h"
#include "Poco/URI.h"

namespace feedhub
{

RedisAddress RedisAddress::parse(const std::string& url)
{
    const std::string rule = "cluster.redis_url must look like redis://[:password@]host[:port][/db], not '" + url + "'";
    Poco::URI uri;
    try
    {
        uri = Poco::URI(url);
    }
    catch (const Poco::SyntaxException&)
    {
        throw Poco::InvalidArgumentException(rule);
    }
    if (uri.getScheme() != "redis" || uri.getHost().empty() || !uri.getRawQuery().empty() ||
        !uri.getFragment().empty())
        throw Poco::InvalidArgumentException(rule);
    RedisAddress address;
    address.host = uri.getHost();
    if (uri.getPort() != 0)
        address.port = uri.getPort();
    const std::string& userInfo = uri.getUserInfo();
    const std::size_t colon = userInfo.find(':');
    address.password = colon == std::string::npos ? userInfo : userInfo.substr(colon + 1);
    std::string path = uri.getPath();
    if (!path.empty() && path != "/")
    {
        unsigned database = 0;
        if (!Poco::NumberParser::tryParseUnsigned(path.substr(1), database) || database > 15)
            throw Poco::InvalidArgumentException(rule + " (db is a number from 0 to 15)");
        address.database = static_cast<int>(database);
    }
    return address;
}

std::string RedisAddress::toString() const
{
    return host + ":" + std::to_string(port) + "/" + std::to_string(database);
}

} // namespace feedhub
