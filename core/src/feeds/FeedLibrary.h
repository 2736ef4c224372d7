//
// FeedLibrary.h
//
// Definition of the FeedLibrary class.
//

#ifndef feedhub_FeedLibrary_INCLUDED
#define feedhub_FeedLibrary_INCLUDED

#include "Poco/ClassLoader.h"
#include "feedhub/Feed.h"
#include <string>

namespace feedhub
{

class FeedLibrary
    /// A feed plugin loaded from its file, and the one Feed made from it.
{
public:
    explicit FeedLibrary(const std::string& path);
        /// Checks the API version the plugin was built for, then loads its
        /// manifest and creates its feed. Throws Poco::RuntimeException saying
        /// what is wrong (file missing or unloadable, not a feedhub plugin,
        /// built for another API version, no feed in its manifest).

    ~FeedLibrary();
        /// Destroys the feed, then unloads the library.

    FeedLibrary(const FeedLibrary&) = delete;
    FeedLibrary& operator=(const FeedLibrary&) = delete;

    Feed& feed() { return *_feed; }

    static int apiVersionOf(const std::string& path);
        /// The API version a plugin file was built for. It is read with the
        /// library loaded locally, so the symbols of a plugin refused for its
        /// version never join the process's global scope.

private:
    std::string _path;
    Poco::ClassLoader<Feed> _loader;
    Feed* _feed = nullptr;
};

} // namespace feedhub

#endif // feedhub_FeedLibrary_INCLUDED
