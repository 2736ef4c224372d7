//
// TailCommand.cpp
//

#include "TailCommand.h"
#include "CtlArguments.h"
#include "CtlFailure.h"
#include "EventStreamReader.h"
#include "HubClient.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/Thread.h"
#include "Poco/URI.h"
#include <iostream>
#include <limits>

namespace feedhub
{

namespace
{

// Until the hub's first "retry:" says otherwise.
constexpr int DEFAULT_RETRY_MS = 3000;
// A stream silent this long (heartbeats are sent every 15 s by default) is
// taken for dead and opened again from the last id.
const Poco::Timespan SILENCE_TIMEOUT(120, 0);

const std::string TRUNCATED_TYPE = "feedhub.truncated";
const std::string ALL_HELD = "0";

enum class Format
{
    TEXT,
    DATA,
    JSON
};

Format formatNamed(const std::string& name)
{
    if (name == "text")
        return Format::TEXT;
    if (name == "data")
        return Format::DATA;
    if (name == "json")
        return Format::JSON;
    throw Poco::InvalidArgumentException("--format must be text, data or json");
}

void print(std::ostream& out, Format format, const EventStreamReader::Event& event)
{
    switch (format)
    {
    case Format::TEXT:
        out << (event.id.empty() ? "-" : event.id) << ' ' << event.type << ' ' << event.data << '\n';
        break;
    case Format::DATA:
        out << event.data << '\n';
        break;
    case Format::JSON:
    {
        Poco::JSON::Object object;
        const std::size_t colon = event.id.rfind(':');
        if (colon != std::string::npos)
            object.set("topic", event.id.substr(0, colon));
        object.set("id", event.id.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(event.id));
        object.set("type", event.type);
        object.set("data", event.data);
        object.stringify(out);
        out << '\n';
        break;
    }
    }
    // Each event as it comes, also into a pipe.
    out.flush();
}

} // namespace

std::string TailCommand::usage() const
{
    return "feedhubctl tail TOPIC... [options]: prints the topics' events as they come, resuming\n"
           "  after a disconnect from the last one printed\n"
           "  --since ID             first replay what history holds after ID (an event id or\n"
           "                         a sequence number; 0 for all it holds)\n"
           "  --count N              exit after N events\n"
           "  --format F             text (id, type and data; the default), data (only data) or\n"
           "                         json (an object per line)\n"
           "  --url URL, --token T   the hub and a token for private topics\n";
}

int TailCommand::run(const std::vector<std::string>& arguments, std::ostream& out)
{
    std::set<std::string> known = HubClient::OPTIONS;
    known.insert({"since", "count", "format"});
    const CtlArguments options(arguments, known);
    options.requireOperands(1, std::numeric_limits<std::size_t>::max(), "one or more TOPICs");
    const unsigned count = options.number("count", 0, 1, std::numeric_limits<unsigned>::max());
    const Format format = formatNamed(options.value("format", "text"));
    HubClient hub(options);

    Poco::URI target("/events");
    for (const std::string& topic : options.operands())
        target.addQueryParameter("topic", topic);
    // Last-Event-ID, which the hub also reads on a first connection, says
    // where to resume: --since, then the last event printed.
    std::string lastId = options.value("since", "");
    unsigned printed = 0;
    bool connected = false;
    int retryMs = DEFAULT_RETRY_MS;
    for (;;)
    {
        Poco::Net::HTTPRequest request =
            hub.request(Poco::Net::HTTPRequest::HTTP_GET, target.getPathAndQuery());
        request.set("Accept", "text/event-stream");
        if (!lastId.empty())
            request.set("Last-Event-ID", lastId);
        try
        {
            const auto session = hub.connect(SILENCE_TIMEOUT);
            session->sendRequest(request);
            Poco::Net::HTTPResponse response;
            std::istream& in = session->receiveResponse(response);
            if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
            {
                // 503 is a limit the hub is under for now (max_subscribers): worth
                // waiting out once following; any other refusal stays.
                if (!connected || response.getStatus() != Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE)
                    hub.refused(request, response, in);
                std::cerr << "feedhubctl tail: the hub answered 503 Service Unavailable; retrying"
                          << std::endl;
                Poco::Thread::sleep(retryMs);
                continue;
            }
            if (connected)
                std::cerr << "feedhubctl tail: reconnected" << std::endl;
            connected = true;
            EventStreamReader reader(in);
            EventStreamReader::Event event;
            while (reader.next(event))
            {
                if (event.type == TRUNCATED_TYPE)
                {
                    // Asked for all history holds (--since 0), it is no news that it starts later.
                    if (lastId == ALL_HELD)
                        continue;
                    std::cerr << "feedhubctl tail: history no longer holds every event after " << lastId
                              << "; some were missed" << std::endl;
                    continue;
                }
                print(out, format, event);
                if (!event.id.empty())
                    lastId = event.id;
                if (count != 0 && ++printed == count)
                    return 0;
            }
            retryMs = reader.retryMs(retryMs);
            std::cerr << "feedhubctl tail: the stream ended; reconnecting"
                      << (lastId.empty() ? "" : " after " + lastId) << std::endl;
        }
        catch (const Poco::IOException& exc)
        {
            // The first connection shows whether the hub is there at all.
            if (!connected)
                hub.unreachable(exc.displayText());
        }
        catch (const Poco::TimeoutException& exc)
        {
            if (!connected)
                hub.unreachable(exc.displayText());
        }
        Poco::Thread::sleep(retryMs);
    }
}

} // namespace feedhub
