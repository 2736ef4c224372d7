//
// ChatIntake.cpp
//

#include "ChatIntake.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Parser.h"
#include "feedhub/HttpError.h"

namespace feedhub::chat
{

using Poco::Net::HTTPResponse;

namespace
{

const std::string MESSAGE = "message";

} // namespace

ChatIntake::ChatIntake(std::shared_ptr<const ChatRules> rules) : _rules(std::move(rules)) {}

std::string ChatIntake::prefix()
{
    return ChatBoard::topicOf("");
}

std::string ChatIntake::take(const HttpRequest& request, const Publication& publication)
{
    if (publication.type != MESSAGE)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "the chat takes publications of type \"message\" only, not \"" + publication.type +
                            "\": joining and leaving are the chat's routes");
    Poco::Dynamic::Var data;
    try
    {
        data = Poco::JSON::Parser().parse(publication.data);
    }
    catch (const Poco::Exception& exc)
    {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "a chat message's data must be a JSON object {\"user\",\"text\",\"member\"}: " +
                            exc.message());
    }
    const std::string room = publication.topic.substr(prefix().size());
    _rules->enter(request, room);
    return _rules->post(request, room, ChatBody(data, {"user", "text", "member"}, "a chat message's data"));
}

} // namespace feedhub::chat
