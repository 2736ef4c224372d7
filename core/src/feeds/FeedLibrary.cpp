//
// FeedLibrary.cpp
//

#include "feeds/FeedLibrary.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/SharedLibrary.h"
#include "feedhub/PluginApi.h"

namespace feedhub
{

FeedLibrary::FeedLibrary(const std::string& path) : _path(path)
{
    const int version = apiVersionOf(path);
    if (version != FEEDHUB_PLUGIN_API_VERSION)
        throw Poco::RuntimeException(
            path + " was built for plugin API version " + Poco::NumberFormatter::format(version) +
            ", but this hub needs version " + Poco::NumberFormatter::format(FEEDHUB_PLUGIN_API_VERSION) +
            "; rebuild it against this hub's headers");
    try
    {
        _loader.loadLibrary(path);
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::RuntimeException("cannot load " + path + ": " + exc.message());
    }
    const Poco::ClassLoader<Feed>::Manif& manifest = _loader.manifestFor(path);
    if (manifest.size() != 1 || !manifest.begin()->canCreate())
    {
        _loader.unloadLibrary(path);
        throw Poco::RuntimeException(path + " must export exactly one feed with FEEDHUB_FEED()");
    }
    try
    {
        _feed = manifest.begin()->create();
    }
    catch (const Poco::Exception& exc)
    {
        _loader.unloadLibrary(path);
        throw Poco::RuntimeException("creating the feed of " + path + " failed: " + exc.displayText());
    }
    catch (const std::exception& exc)
    {
        _loader.unloadLibrary(path);
        throw Poco::RuntimeException("creating the feed of " + path + " failed: " + exc.what());
    }
}

FeedLibrary::~FeedLibrary()
{
    delete _feed;
    _loader.unloadLibrary(_path);
}

int FeedLibrary::apiVersionOf(const std::string& path)
{
    Poco::SharedLibrary library;
    try
    {
        library.load(path, Poco::SharedLibrary::SHLIB_LOCAL);
    }
    catch (const Poco::LibraryLoadException& exc)
    {
        // The message is dlerror()'s, which names the file.
        throw Poco::RuntimeException("cannot load " + exc.message());
    }
    if (!library.hasSymbol(FEEDHUB_PLUGIN_VERSION_SYMBOL))
    {
        library.unload();
        throw Poco::RuntimeException(
            path + " is not a feedhub plugin: it exports no " FEEDHUB_PLUGIN_VERSION_SYMBOL);
    }
    const int version = *static_cast<const int*>(library.getSymbol(FEEDHUB_PLUGIN_VERSION_SYMBOL));
    library.unload();
    return version;
}

} // namespace feedhub
