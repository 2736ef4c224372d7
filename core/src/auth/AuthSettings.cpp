//
// AuthSettings.cpp
//

#include "auth/AuthSettings.h"
#include "config/SettingValues.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/NumberFormatter.h"
#include "Poco/StringTokenizer.h"
#include "auth/TopicPatterns.h"

namespace feedhub
{

namespace
{

// HS256 keys shorter than this are open to guessing offline.
constexpr std::size_t MIN_SECRET_LENGTH = 32;

std::vector<std::string> readList(const Poco::Util::AbstractConfiguration& config, const std::string& key)
{
    Poco::StringTokenizer items(config.getString(key, ""), ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    return std::vector<std::string>(items.begin(), items.end());
}

} // namespace

const std::vector<SectionKeys> AuthSettings::SECTIONS = {
    {"auth", {"algorithm", "secret", "public_key_file", "issuer", "audience", "leeway_seconds", "publish",
              "private_topics", "publish_origins", "max_failures_per_minute", "block_seconds", "token_cache_entries"}},
};

AuthSettings AuthSettings::fromConfiguration(const Poco::Util::AbstractConfiguration& config)
{
    AuthSettings s;
    s.algorithm = config.getString("auth.algorithm", s.algorithm);
    if (s.algorithm != "HS256" && s.algorithm != "RS256" && s.algorithm != "ES256")
        throw Poco::InvalidArgumentException("auth.algorithm must be HS256, RS256 or ES256, not '" +
                                             s.algorithm + "'");
    s.secret = config.getString("auth.secret", s.secret);
    s.publicKeyFile = config.getString("auth.public_key_file", s.publicKeyFile);
    if (s.algorithm == "HS256" && !s.secret.empty() && s.secret.size() < MIN_SECRET_LENGTH)
        throw Poco::InvalidArgumentException(
            "auth.secret must be at least 32 characters (or empty: no token is valid)");
    if (s.algorithm != "HS256")
    {
        if (s.publicKeyFile.empty())
            throw Poco::InvalidArgumentException("auth.public_key_file is required with " + s.algorithm);
        if (!Poco::File(s.publicKeyFile).exists())
            throw Poco::InvalidArgumentException("auth.public_key_file: " + s.publicKeyFile +
                                                 " does not exist");
    }
    s.issuer = config.getString("auth.issuer", s.issuer);
    s.audience = config.getString("auth.audience", s.audience);
    s.leeway = Poco::Timespan(
        SettingValues::readInt(config, "auth.leeway_seconds", static_cast<int>(s.leeway.totalSeconds()), 0, 600), 0);
    const std::string publish = config.getString("auth.publish", s.publishOpen ? "open" : "token");
    if (publish != "token" && publish != "open")
        throw Poco::InvalidArgumentException("auth.publish must be token or open, not '" + publish + "'");
    s.publishOpen = publish == "open";
    s.privateTopics = readList(config, "auth.private_topics");
    for (const std::string& pattern : s.privateTopics)
    {
        if (!TopicPatterns::isPattern(pattern))
            throw Poco::InvalidArgumentException("auth.private_topics: '" + pattern +
                                                 "' is not a topic, a prefix ending in * or *");
    }
    s.publishOrigins = readList(config, "auth.publish_origins");
    s.maxFailures = SettingValues::readInt(config, "auth.max_failures_per_minute", s.maxFailures, 1, 1000000);
    s.blockTime = Poco::Timespan(
        SettingValues::readInt(config, "auth.block_seconds", static_cast<int>(s.blockTime.totalSeconds()), 1, 86400), 0);
    s.tokenCacheEntries = static_cast<std::size_t>(
        SettingValues::readInt(config, "auth.token_cache_entries", static_cast<int>(s.tokenCacheEntries), 0, 10000000));
    return s;
}

} // namespace feedhub
