//
// ChatCalls.h
//
// Definition of the ChatCalls class.
//

#ifndef feedhub_ChatCalls_INCLUDED
#define feedhub_ChatCalls_INCLUDED

#include "HttpCall.h"
#include "Poco/JSON/Object.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <string>

class ChatCalls
    /// What the chat's integration suites send a hub's chat routes, and the
    /// checks they share.
{
public:
    static std::string ini(const std::string& feedSection = "");
        /// The feeds section enabling the chat, then [feed.chat] with feedSection.

    static HttpCall::Result say(const TestDaemon& hub, const std::string& room, const std::string& user,
                                const std::string& text, const std::string& member = "");
        /// POST /api/chat/<room> {"user","text"[,"member"]}.

    static HttpCall::Result join(const TestDaemon& hub, const std::string& room, const std::string& nick);
        /// POST /api/chat/<room>/join {"nick"}.

    static Poco::JSON::Object::Ptr parse(const std::string& json);
        /// json, which must be an object.

    static Poco::JSON::Object::Ptr expectMessage(SseClient& stream, const std::string& id,
                                                 const std::string& user, const std::string& text);
        /// Asserts that the stream's next event is the message id from user
        /// saying text, stamped with its time; returns its data.
};

#endif // feedhub_ChatCalls_INCLUDED
