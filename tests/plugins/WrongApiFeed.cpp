//
// WrongApiFeed.cpp
//
// A feed built as if against the headers of another plugin API version: the
// hub must refuse to load it.
//

#include "feedhub/PluginApi.h"

#undef FEEDHUB_PLUGIN_API_VERSION
#define FEEDHUB_PLUGIN_API_VERSION 999

namespace feedhub::test
{

class WrongApiFeed : public Feed
{
public:
    std::string name() const override { return "wrong API version"; }
    std::vector<std::string> keys() const override { return {}; }
    void configure(const Poco::Util::AbstractConfiguration&) override {}
    void start(FeedContext&) override {}
};

} // namespace feedhub::test

FEEDHUB_FEED(feedhub::test::WrongApiFeed)
