//
// ChatMember.cpp
//

#include "ChatMember.h"
#include "Poco/DigestEngine.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/SHA2Engine.h"
#include "Poco/String.h"
#include "feedhub/JsonText.h"

namespace feedhub::chat
{

ChatMember::ChatMember(std::string nick, std::string tokenDigest, Poco::Timestamp seen)
    : _nick(std::move(nick)), _tokenDigest(std::move(tokenDigest)), _seen(seen)
{
}

ChatMember ChatMember::parse(const std::string& json)
{
    try
    {
        const Poco::JSON::Object::Ptr record =
            Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
        return ChatMember(record->getValue<std::string>("nick"), record->getValue<std::string>("token"),
                          Poco::Timestamp(record->getValue<Poco::Int64>("seen")));
    }
    catch (const Poco::Exception& e)
    {
        throw Poco::DataFormatException("a chat member record is not {\"nick\",\"token\",\"seen\"}: " +
                                        e.displayText());
    }
}

std::string ChatMember::format() const
{
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object;
    record->set("nick", _nick);
    record->set("token", _tokenDigest);
    record->set("seen", _seen.epochMicroseconds());
    return JsonText::format(record);
}

bool ChatMember::provenBy(const std::string& tokenDigest) const
{
    return !tokenDigest.empty() && tokenDigest == _tokenDigest;
}

std::string ChatMember::digestOf(const std::string& token)
{
    if (token.empty())
        return {};
    Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
    sha256.update(token);
    return Poco::DigestEngine::digestToHex(sha256.digest());
}

std::string ChatMember::keyOf(const std::string& nick)
{
    return Poco::toLower(nick);
}

} // namespace feedhub::chat
