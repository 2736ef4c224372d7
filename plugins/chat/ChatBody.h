//
// ChatBody.h
//
// Definition of the ChatBody class.
//

#ifndef feedhub_chat_ChatBody_INCLUDED
#define feedhub_chat_ChatBody_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Object.h"
#include <initializer_list>
#include <string>

namespace feedhub::chat
{

class ChatBody
    /// The JSON object a client sends the chat: a route's body, or the data
    /// of a publication to chat.<room>. It may hold only the fields its
    /// request takes, so a typo is an error rather than ignored.
{
public:
    ChatBody(const Poco::Dynamic::Var& json, std::initializer_list<const char*> fields,
             const std::string& what);
        /// Throws HttpError 400 unless json is an object of only fields;
        /// what names it in the error ("the body").

    std::string string(const std::string& name) const;
        /// The field, which must be a string (HttpError 400).
    std::string optionalString(const std::string& name) const;
        /// The field if sent, which must then be a string; "" if not sent.

private:
    Poco::JSON::Object::Ptr _object;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatBody_INCLUDED
