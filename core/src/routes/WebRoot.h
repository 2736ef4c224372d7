//
// WebRoot.h
//
// Definition of the WebRoot class.
//

#ifndef feedhub_WebRoot_INCLUDED
#define feedhub_WebRoot_INCLUDED

#include <string>

namespace feedhub
{

class WebRoot
/// The folder static files are served from, and the only place they may
/// come from.
///
/// A request path maps to a regular file whose real path (symlinks
/// resolved) lies inside the root. Everything else maps to nothing: dot
/// segments and dot files, encoded slashes, backslashes and NULs, paths
/// that climb out, symlinks that point out, and directories without an
/// index.html (there is no directory listing).
{
public:
    explicit WebRoot(const std::string& configuredPath);
    /// An empty configuredPath means the default: the installed dashboard
    /// (FEEDHUB_INSTALLED_WEB_ROOT) if it exists, otherwise the source
    /// tree's web/ folder, so a build run from its tree serves the pages
    /// being edited.

    static std::string defaultPath();
    /// The folder an empty configuredPath stands for.

    const std::string& path() const { return _path; }
    /// The root's real path; empty if it does not exist.

    std::string locate(const std::string& requestPath) const;
    /// The real path of the file that requestPath (still percent-encoded,
    /// without query) names, or "" if it names nothing servable.
    /// A path ending in "/" or naming a directory serves its index.html.

private:
    std::string _path;
};

} // namespace feedhub

#endif // feedhub_WebRoot_INCLUDED
