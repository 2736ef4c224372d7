//
// FeedhubApplication.h
//
// Definition of the FeedhubApplication class.
//

#ifndef feedhub_FeedhubApplication_INCLUDED
#define feedhub_FeedhubApplication_INCLUDED

#include "config/HubConfiguration.h"
#include "Poco/Util/ServerApplication.h"
#include "feeds/FeedHost.h"
#include "hub/Hub.h"

namespace feedhub
{

class FeedhubApplication : public Poco::Util::ServerApplication
    /// The feedhub daemon: reads hub.ini, runs the hub and its feeds, applies
    /// hub.ini again on SIGHUP, and stops on SIGINT, SIGTERM or SIGQUIT.
{
protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleConfig(const std::string& name, const std::string& value);
    void handlePort(const std::string& name, const std::string& value);
    std::string configPath() const;
    void setUpLogging();
    void reload(Hub& hub, FeedHost& feeds, const HubConfiguration& started, FeedsConfiguration& applied);
        /// Reads hub.ini again. A file with an error changes nothing; else
        /// the feeds are made what it enables, the log level follows it, and
        /// each other changed setting is logged as needing a restart. The
        /// hub's metrics count the outcome.
    const FeedSettings* restorePrevious(FeedHost& feeds, const FeedsConfiguration& previous,
                                        const std::string& name);
        /// Starts feed name again with its settings from previous, if it ran
        /// before the reload that made it fail; returns those settings, or
        /// null if it did not run before or fails again.

    bool _helpRequested = false;
    std::string _configPath;
    int _port = -1;
};

} // namespace feedhub

#endif // feedhub_FeedhubApplication_INCLUDED
