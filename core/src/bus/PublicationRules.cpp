//
// PublicationRules.cpp
//

#include "bus/PublicationRules.h"
#include "bus/Bus.h"
#include "Poco/Exception.h"
#include "Poco/TextIterator.h"
#include "Poco/UTF8Encoding.h"
#include "feedhub/TopicName.h"
#include "sse/EventStreamFormat.h"
#include <algorithm>

namespace feedhub
{

void PublicationRules::check(const Publication& publication)
{
    TopicName::check(publication.topic);
    if (publication.type.empty())
        throw Poco::InvalidArgumentException("type must not be empty");
    EventStreamFormat::checkField("type", publication.type);
    // ASCII, the usual data, is valid UTF-8 as it is; decoding it character
    // by character was a quarter of the bus's cost of a publish.
    if (std::all_of(publication.data.begin(), publication.data.end(),
                    [](unsigned char byte) { return byte < 0x80; }))
        return;
    Poco::UTF8Encoding utf8;
    Poco::TextIterator end(publication.data);
    for (Poco::TextIterator it(publication.data, utf8); it != end; ++it)
    {
        if (*it < 0)
            throw Poco::InvalidArgumentException("data must be valid UTF-8");
    }
}

void PublicationRules::checkAll(const std::vector<Publication>& publications)
{
    for (std::size_t i = 0; i < publications.size(); ++i)
    {
        try
        {
            check(publications[i]);
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            if (publications.size() == 1)
                throw;
            throw Poco::InvalidArgumentException(Bus::batchItem(i) + ": " + exc.message());
        }
    }
}

} // namespace feedhub
