//
// FeedhubApplication.h
//
// Definition of the FeedhubApplication class.
//

#ifndef feedhub_FeedhubApplication_INCLUDED
#define feedhub_FeedhubApplication_INCLUDED

#include "Poco/Util/ServerApplication.h"

namespace feedhub
{

class FeedhubApplication : public Poco::Util::ServerApplication
    /// The feedhub daemon: reads hub.ini, runs the hub until SIGINT or SIGTERM.
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

    bool _helpRequested = false;
    std::string _configPath;
    int _port = -1;
};

} // namespace feedhub

#endif // feedhub_FeedhubApplication_INCLUDED
