//
// TokenCommand.cpp
//

#include "TokenCommand.h"
#include "CtlArguments.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "auth/AuthSettings.h"
#include "auth/TokenMinter.h"
#include <ostream>

namespace feedhub
{

namespace
{

// A year at most: a token cannot be taken back before it expires.
constexpr unsigned MAX_TTL_SECONDS = 365 * 86400;

} // namespace

std::string TokenCommand::usage() const
{
    return "feedhubctl token [options]: prints a token the hub accepts\n"
           "  --publish PATTERNS     topics it may publish to (comma-separated; chat.* or * for patterns)\n"
           "  --subscribe PATTERNS   private topics it may subscribe to\n"
           "  --ttl SECONDS          how long it is valid (default 3600)\n"
           "  --sub NAME             its subject, naming who holds it\n"
           "  --config FILE          the hub.ini with [auth] (default " +
           defaultConfigPath() +
           ")\n"
           "  --private-key FILE     the PEM private key, for RS256 and ES256\n";
}

int TokenCommand::run(const std::vector<std::string>& arguments, std::ostream& out)
{
    const CtlArguments options(arguments, {"publish", "subscribe", "ttl", "sub", "config", "private-key"});
    options.requireOperands(0, 0, "options only");
    if (!options.has("publish") && !options.has("subscribe"))
        throw Poco::InvalidArgumentException(
            "give --publish or --subscribe (or both): a token allowing nothing is of no use");
    TokenMinter::Request request;
    request.publish = options.list("publish");
    request.subscribe = options.list("subscribe");
    request.subject = options.value("sub", "");
    request.privateKeyFile = options.value("private-key", "");
    request.ttl = Poco::Timespan(static_cast<long>(options.number("ttl", 3600, 1, MAX_TTL_SECONDS)), 0);

    const std::string path = options.value("config", defaultConfigPath());
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> config;
    try
    {
        config = new Poco::Util::IniFileConfiguration(path);
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::DataException(path + ": cannot read it: " + exc.displayText());
    }
    out << TokenMinter::mint(AuthSettings::fromConfiguration(*config), request) << '\n';
    return 0;
}

} // namespace feedhub
