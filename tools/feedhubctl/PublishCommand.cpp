//
// PublishCommand.cpp
//

#include "PublishCommand.h"
#include "CtlArguments.h"
#include "CtlFailure.h"
#include "HubClient.h"
#include "Poco/Clock.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/NumberFormatter.h"
#include "Poco/TextIterator.h"
#include "Poco/UTF8Encoding.h"
#include <iostream>
#include <poll.h>
#include <sstream>
#include <unistd.h>

namespace feedhub
{

namespace
{

constexpr unsigned DEFAULT_BATCH = 100;
// The hub takes at most this many events in one request.
constexpr unsigned MAX_BATCH = 1000;
// A run longer than this shows its progress on standard error, this often.
const Poco::Clock::ClockDiff PROGRESS_EVERY = 2 * Poco::Clock::resolution();

bool isUtf8(const std::string& text)
{
    Poco::UTF8Encoding utf8;
    Poco::TextIterator end(text);
    for (Poco::TextIterator it(text, utf8); it != end; ++it)
    {
        if (*it < 0)
            return false;
    }
    return true;
}

bool inputWaiting()
{
    if (std::cin.rdbuf()->in_avail() > 0)
        return true;
    pollfd input{STDIN_FILENO, POLLIN, 0};
    return ::poll(&input, 1, 0) > 0;
}

class BatchSender
    /// Sends the batches of one run and keeps its count and progress line.
{
public:
    BatchSender(HubClient& hub, std::string topic, std::string type)
        : _hub(hub), _topic(std::move(topic)), _type(std::move(type)), _terminal(::isatty(STDERR_FILENO) == 1)
    {
    }

    void add(const std::string& data)
    {
        Poco::JSON::Object::Ptr event = new Poco::JSON::Object;
        event->set("topic", _topic);
        if (!_type.empty())
            event->set("type", _type);
        event->set("data", data);
        _batch->add(event);
    }

    std::size_t pending() const { return _batch->size(); }

    void send(std::size_t firstLine)
    {
        if (_batch->size() == 0)
            return;
        std::ostringstream body;
        Poco::JSON::Stringifier::stringify(_batch, body);
        std::string answer;
        try
        {
            answer = _hub.post("/publish", body.str(), "application/json");
        }
        catch (const CtlFailure& failure)
        {
            endProgress();
            if (firstLine == 0)
                throw;
            throw CtlFailure(failure.exitCode(), describeRefusal(failure.what(), firstLine));
        }
        _published += _batch->size();
        _batch = new Poco::JSON::Array;
        try
        {
            _lastId =
                Poco::JSON::Parser().parse(answer).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>(
                    "id");
        }
        catch (const Poco::Exception& exc)
        {
            _hub.unexpected("POST /publish", exc.displayText());
        }
        showProgress();
    }

    void finish(std::ostream& out)
    {
        endProgress();
        if (!_lastId.empty())
            out << _lastId << '\n';
    }

private:
    std::string describeRefusal(const std::string& why, std::size_t firstLine) const
    {
        const std::size_t lastLine = firstLine + _batch->size() - 1;
        std::string lines = firstLine == lastLine ? "line " + Poco::NumberFormatter::format(firstLine)
                                                  : "lines " + Poco::NumberFormatter::format(firstLine) +
                                                        "-" + Poco::NumberFormatter::format(lastLine);
        return why + " (" + lines + " of the input, none of them published; " + count() +
               " before them were)";
    }

    std::string count() const
    {
        return Poco::NumberFormatter::format(_published) + (_published == 1 ? " event" : " events");
    }

    void showProgress()
    {
        if (_lastProgress.elapsed() < PROGRESS_EVERY)
            return;
        _lastProgress.update();
        const double seconds = static_cast<double>(_started.elapsed()) / Poco::Clock::resolution();
        std::cerr << (_terminal ? "\r" : "") << "feedhubctl publish: " << count() << " published ("
                  << Poco::NumberFormatter::format(static_cast<double>(_published) / seconds, 0) << "/s)"
                  << (_terminal ? "" : "\n") << std::flush;
        _progressShown = true;
    }

    void endProgress()
    {
        if (_progressShown && _terminal)
            std::cerr << '\n';
        _progressShown = false;
    }

    HubClient& _hub;
    const std::string _topic;
    const std::string _type;
    const bool _terminal;
    Poco::JSON::Array::Ptr _batch = new Poco::JSON::Array;
    std::size_t _published = 0;
    std::string _lastId;
    const Poco::Clock _started;
    Poco::Clock _lastProgress;
    bool _progressShown = false;
};

} // namespace

std::string PublishCommand::usage() const
{
    return "feedhubctl publish TOPIC [DATA|-] [options]: publishes DATA, or each line of standard input\n"
           "  (with - or no DATA) as one event; prints the last event's id\n"
           "  --type TYPE            the events' type (default message)\n"
           "  --batch N              most lines sent in one request (1 to 1000, default 100)\n"
           "  --url URL, --token T   the hub and a token allowed to publish to TOPIC\n";
}

int PublishCommand::run(const std::vector<std::string>& arguments, std::ostream& out)
{
    std::set<std::string> known = HubClient::OPTIONS;
    known.insert({"type", "batch"});
    const CtlArguments options(arguments, known);
    options.requireOperands(1, 2, "TOPIC and DATA, or TOPIC and - to read lines");
    const unsigned batch = options.number("batch", DEFAULT_BATCH, 1, MAX_BATCH);
    HubClient hub(options);
    BatchSender sender(hub, options.operands()[0], options.value("type", ""));

    if (options.operands().size() == 2 && options.operands()[1] != "-")
    {
        const std::string& data = options.operands()[1];
        if (!isUtf8(data))
            throw CtlFailure(EXIT_DATA, "DATA is not valid UTF-8, which events must be");
        sender.add(data);
        sender.send(0);
        sender.finish(out);
        return 0;
    }

    // Its own buffer, so that inputWaiting() sees the lines already read.
    std::ios::sync_with_stdio(false);
    std::size_t line = 0;
    std::size_t firstPending = 1;
    std::string text;
    while (std::getline(std::cin, text))
    {
        ++line;
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        if (!isUtf8(text))
        {
            sender.send(firstPending);
            sender.finish(out);
            throw CtlFailure(EXIT_DATA, "line " + Poco::NumberFormatter::format(line) +
                                            " of the input is not valid UTF-8, which events must be; "
                                            "the lines before it were published, none after");
        }
        sender.add(text);
        if (sender.pending() >= batch || !inputWaiting())
        {
            sender.send(firstPending);
            firstPending = line + 1;
        }
    }
    sender.send(firstPending);
    sender.finish(out);
    return 0;
}

} // namespace feedhub
