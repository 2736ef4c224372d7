//
// AuthSettingsTest.cpp
//

#include "auth/AuthSettings.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "Poco/Util/MapConfiguration.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <map>

using feedhub::AuthSettings;

namespace
{

AuthSettings read(const std::map<std::string, std::string>& values)
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
    for (const auto& [key, value] : values)
        config->setString(key, value);
    return AuthSettings::fromConfiguration(*config);
}

std::string refusal(const std::map<std::string, std::string>& values)
{
    try
    {
        read(values);
    }
    catch (const Poco::InvalidArgumentException& exc)
    {
        return exc.message();
    }
    CPPUNIT_FAIL("the settings were accepted");
    return std::string();
}

} // namespace

class AuthSettingsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AuthSettingsTest);
    CPPUNIT_TEST(testDefaultsAreSafe);
    CPPUNIT_TEST(testShippedIniHoldsTheDefaults);
    CPPUNIT_TEST(testValuesRead);
    CPPUNIT_TEST(testWrongValuesNameTheirKey);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultsAreSafe()
    {
        const AuthSettings s = read({});
        CPPUNIT_ASSERT_EQUAL(std::string("HS256"), s.algorithm);
        CPPUNIT_ASSERT(!s.publishOpen);
        CPPUNIT_ASSERT(s.secret.empty());
        CPPUNIT_ASSERT(s.publishOrigins.empty());
        CPPUNIT_ASSERT_EQUAL(20, s.maxFailures);
    }

    void testShippedIniHoldsTheDefaults()
    {
        Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini(
            new Poco::Util::IniFileConfiguration(TestDaemon::sourceDir() + "/etc/hub.ini"));
        const AuthSettings shipped = AuthSettings::fromConfiguration(*ini);
        const AuthSettings defaults = read({});
        CPPUNIT_ASSERT_EQUAL(defaults.algorithm, shipped.algorithm);
        CPPUNIT_ASSERT_EQUAL(defaults.publishOpen, shipped.publishOpen);
        CPPUNIT_ASSERT(defaults.leeway == shipped.leeway);
        CPPUNIT_ASSERT_EQUAL(defaults.maxFailures, shipped.maxFailures);
        CPPUNIT_ASSERT(defaults.blockTime == shipped.blockTime);
        CPPUNIT_ASSERT_EQUAL(defaults.tokenCacheEntries, shipped.tokenCacheEntries);
        CPPUNIT_ASSERT(shipped.privateTopics.empty());
        // The development secret, and it says so.
        CPPUNIT_ASSERT(shipped.secret.find("dev-secret") == 0);
    }

    void testValuesRead()
    {
        const AuthSettings s = read({{"auth.publish", "open"},
                                     {"auth.private_topics", "private.*, secret"},
                                     {"auth.publish_origins", "https://a.example, https://b.example"},
                                     {"auth.leeway_seconds", "5"}});
        CPPUNIT_ASSERT(s.publishOpen);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.privateTopics.size());
        CPPUNIT_ASSERT_EQUAL(std::string("https://b.example"), s.publishOrigins[1]);
        CPPUNIT_ASSERT_EQUAL(5, s.leeway.seconds());
    }

    void testWrongValuesNameTheirKey()
    {
        CPPUNIT_ASSERT(refusal({{"auth.algorithm", "none"}}).find("auth.algorithm") == 0);
        CPPUNIT_ASSERT(refusal({{"auth.algorithm", "HS512"}}).find("auth.algorithm") == 0);
        CPPUNIT_ASSERT(refusal({{"auth.secret", "short"}}).find("auth.secret") == 0);
        CPPUNIT_ASSERT(refusal({{"auth.algorithm", "RS256"}}).find("auth.public_key_file") == 0);
        CPPUNIT_ASSERT(refusal({{"auth.algorithm", "ES256"}, {"auth.public_key_file", "/nonexistent.pem"}})
                           .find("auth.public_key_file") == 0);
        CPPUNIT_ASSERT(refusal({{"auth.publish", "anyone"}}).find("auth.publish") == 0);
        CPPUNIT_ASSERT(refusal({{"auth.private_topics", "a b"}}).find("auth.private_topics") == 0);
        CPPUNIT_ASSERT(
            refusal({{"auth.max_failures_per_minute", "0"}}).find("auth.max_failures_per_minute") == 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthSettingsTest);
