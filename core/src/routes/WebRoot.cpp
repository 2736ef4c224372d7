//
// WebRoot.cpp
//

#include "routes/WebRoot.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "Poco/URI.h"
#include <climits>
#include <cstdlib>
#include <sys/stat.h>

namespace feedhub
{

namespace
{

const char* const INDEX_FILE = "index.html";

std::string realPath(const std::string& path)
{
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr)
        return std::string();
    return resolved;
}

bool isDirectory(const std::string& path)
{
    struct stat status;
    return ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

bool isRegularFile(const std::string& path)
{
    struct stat status;
    return ::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode);
}

// Encoded separators and NULs have no business in a file name here, and
// decoding them would let a request smuggle a path through the segment checks.
bool hasEncodedSeparator(const std::string& requestPath)
{
    const std::string lower = Poco::toLower(requestPath);
    return lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
           lower.find("%00") != std::string::npos;
}

// The decoded path relative to the root, or "" if a segment is not a plain
// file name (".", "..", dot files, backslashes, control characters).
std::string relativePath(const std::string& requestPath)
{
    std::string decoded;
    try
    {
        Poco::URI::decode(requestPath, decoded);
    }
    catch (const Poco::SyntaxException&)
    {
        return std::string();
    }
    std::string relative;
    Poco::StringTokenizer segments(decoded, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& segment : segments)
    {
        if (segment[0] == '.' || segment.find('\\') != std::string::npos)
            return std::string();
        for (const char c : segment)
        {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                return std::string();
        }
        relative += '/';
        relative += segment;
    }
    if (decoded.back() == '/')
        relative += '/';
    return relative;
}

} // namespace

WebRoot::WebRoot(const std::string& configuredPath)
    : _path(realPath(configuredPath.empty() ? defaultPath() : configuredPath))
{
    if (!_path.empty() && !isDirectory(_path))
        _path.clear();
    if (_path.empty())
        Poco::Logger::get("feedhub.web")
            .warning("web root %s is not a folder; the dashboard is not served",
                     configuredPath.empty() ? defaultPath() : configuredPath);
}

std::string WebRoot::defaultPath()
{
    if (Poco::File(FEEDHUB_INSTALLED_WEB_ROOT).exists())
        return FEEDHUB_INSTALLED_WEB_ROOT;
    return FEEDHUB_SOURCE_WEB_ROOT;
}

std::string WebRoot::locate(const std::string& requestPath) const
{
    if (_path.empty() || requestPath.empty() || requestPath[0] != '/' || hasEncodedSeparator(requestPath))
        return std::string();
    std::string candidate = relativePath(requestPath);
    if (candidate.empty())
        return std::string();
    candidate = _path + candidate;
    if (candidate.back() == '/' || isDirectory(candidate))
        candidate += std::string(candidate.back() == '/' ? "" : "/") + INDEX_FILE;

    const std::string resolved = realPath(candidate);
    if (resolved.compare(0, _path.size() + 1, _path + "/") != 0 || !isRegularFile(resolved))
        return std::string();
    return resolved;
}

} // namespace feedhub
