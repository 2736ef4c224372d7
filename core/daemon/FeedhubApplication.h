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
#include "log/LogChannels.h"

namespace feedhub
{

class FeedhubApplication : public Poco::Util::ServerApplication
    /// The feedhub daemon: reads hub.ini, runs the hub and its feeds, applies
    /// hub.ini again on SIGHUP, and stops on SIGINT, SIGTERM or SIGQUIT.
    /// feedhub.8 (EXIT STATUS) documents what each exit code means.
{
public:
    FeedhubApplication();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleConfig(const std::string& name, const std::string& value);
    void handlePort(const std::string& name, const std::string& value);
    void handleCheckConfig(const std::string& name, const std::string& value);
    void handleVersion(const std::string& name, const std::string& value);
    std::string configPath() const;
    HubConfiguration checkedConfiguration() const;
        /// Reads and checks hub.ini, the feeds' sections included. Throws
        /// Poco::DataException with the first thing wrong ("file:line: ...").
    int checkConfig();
        /// --check-config: EXIT_OK, or EXIT_CONFIG with what is wrong on stderr.
    bool startsDespite(const std::vector<FeedFailure>& failures);
        /// Logs each feed that failed as the daemon starts; false if one of
        /// them is required, which stops the start.
    void reload(Hub& hub, FeedHost& feeds, const HubConfiguration& started, FeedsConfiguration& applied);
        /// Reads and checks hub.ini again. A file with an error changes
        /// nothing; else the feeds are made what it enables, the log level
        /// follows it, and each other changed setting is logged as needing a
        /// restart. Logs one line saying how it ended; the hub's metrics
        /// count the outcome.
    const FeedSettings* restorePrevious(FeedHost& feeds, const FeedsConfiguration& previous,
                                        const std::string& name);
        /// Starts feed name again with its settings from previous, if it ran
        /// before the reload that made it fail; returns those settings, or
        /// null if it did not run before or fails again.

    LogChannels _log;
    bool _helpRequested = false;
    bool _checkRequested = false;
    bool _versionRequested = false;
    std::string _configPath;
    int _port = -1;
};

} // namespace feedhub

#endif // feedhub_FeedhubApplication_INCLUDED
