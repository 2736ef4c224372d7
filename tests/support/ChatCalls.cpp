//
// ChatCalls.cpp
//

#include "ChatCalls.h"
#include "FeedPlugins.h"
#include "Poco/JSON/Parser.h"
#include <cppunit/extensions/HelperMacros.h>

std::string ChatCalls::ini(const std::string& feedSection)
{
    return FeedPlugins::feedsSection("chat") + "[feed.chat]\n" + feedSection;
}

HttpCall::Result ChatCalls::say(const TestDaemon& hub, const std::string& room, const std::string& user,
                                const std::string& text, const std::string& member)
{
    std::string body = "{\"user\":\"" + user + "\",\"text\":\"" + text + "\"";
    if (!member.empty())
        body += ",\"member\":\"" + member + "\"";
    return HttpCall::post(hub.port(), "/api/chat/" + room, body + "}");
}

HttpCall::Result ChatCalls::join(const TestDaemon& hub, const std::string& room, const std::string& nick)
{
    return HttpCall::post(hub.port(), "/api/chat/" + room + "/join", "{\"nick\":\"" + nick + "\"}");
}

Poco::JSON::Object::Ptr ChatCalls::parse(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr ChatCalls::expectMessage(SseClient& stream, const std::string& id,
                                                 const std::string& user, const std::string& text)
{
    const SseClient::Event event = stream.expect();
    CPPUNIT_ASSERT_EQUAL(id, event.id);
    CPPUNIT_ASSERT_EQUAL(std::string("message"), event.type);
    const Poco::JSON::Object::Ptr data = parse(event.data);
    CPPUNIT_ASSERT_EQUAL(user, data->getValue<std::string>("user"));
    CPPUNIT_ASSERT_EQUAL(text, data->getValue<std::string>("text"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(24), data->getValue<std::string>("time").size());
    return data;
}
