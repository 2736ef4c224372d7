//
// FeedPlugins.cpp
//

#include "FeedPlugins.h"
#include "TestDaemon.h"

std::string FeedPlugins::dir()
{
    return TestDaemon::buildDir() + "/plugins";
}

std::string FeedPlugins::path(const std::string& name)
{
    return dir() + "/" + name + ".so";
}

std::string FeedPlugins::testPath(const std::string& name)
{
    return TestDaemon::buildDir() + "/test-plugins/" + name + ".so";
}

std::string FeedPlugins::feedsSection(const std::string& enabled)
{
    return "[feeds]\nenabled = " + enabled + "\nplugin_dir = " + dir() + "\n";
}
