//
// StatusCommand.cpp
//

#include "StatusCommand.h"
#include "CtlArguments.h"
#include "HubClient.h"
#include "MetricsSample.h"
#include "Poco/Clock.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include <iomanip>
#include <ostream>
#include <sstream>

namespace feedhub
{

namespace
{

constexpr int LABEL_WIDTH = 15;

std::string whole(double value)
{
    return Poco::NumberFormatter::format(value, 0);
}

std::string duration(double seconds)
{
    const auto whole = static_cast<long long>(seconds < 0 ? 0 : seconds);
    const long long days = whole / 86400;
    const long long hours = whole / 3600 % 24;
    const long long minutes = whole / 60 % 60;
    std::ostringstream text;
    text << std::setfill('0');
    if (days > 0)
        text << days << "d " << std::setw(2) << hours << "h " << std::setw(2) << minutes << "m ";
    else if (hours > 0)
        text << hours << "h " << std::setw(2) << minutes << "m ";
    else if (minutes > 0)
        text << minutes << "m ";
    text << std::setw(whole >= 60 ? 2 : 1) << whole % 60 << 's';
    return text.str();
}

std::string bytes(double count)
{
    static const char* const UNITS[] = {"B", "KB", "MB", "GB", "TB"};
    std::size_t unit = 0;
    while (count >= 1000 && unit + 1 < sizeof(UNITS) / sizeof(UNITS[0]))
    {
        count /= 1000;
        ++unit;
    }
    return Poco::NumberFormatter::format(count, unit == 0 ? 0 : 1) + " " + UNITS[unit];
}

std::string breakdown(const std::map<std::string, double>& parts)
{
    std::string text;
    for (const auto& [name, value] : parts)
        text += (text.empty() ? " (" : ", ") + name + " " + whole(value);
    return text.empty() ? text : text + ")";
}

class Report
    /// The lines of the status, from the two scrapes.
{
public:
    Report(std::ostream& out, const MetricsSample& first, const MetricsSample& second, double seconds)
        : _out(out), _first(first), _second(second), _seconds(seconds)
    {
    }

    void line(const std::string& label, const std::string& text)
    {
        _out << std::left << std::setw(LABEL_WIDTH) << label << text << '\n';
    }

    void gauge(const std::string& label, const std::string& name, const std::string& byLabel = "")
    {
        if (const auto value = _second.total(name))
            line(label, whole(*value) + (byLabel.empty() ? "" : breakdown(_second.byLabel(name, byLabel))));
    }

    void counter(const std::string& label, const std::string& name, const std::string& byLabel)
    {
        const auto before = _first.total(name);
        const auto now = _second.total(name);
        if (now && before)
            line(label, whole(*now) + " events, " + Poco::NumberFormatter::format(rate(*now, *before), 1) +
                            "/s" + breakdown(_second.byLabel(name, byLabel)));
    }

    void byteCounter(const std::string& label, const std::string& name)
    {
        const auto before = _first.total(name);
        const auto now = _second.total(name);
        if (now && before)
            line(label, bytes(*now) + ", " + bytes(rate(*now, *before)) + "/s");
    }

private:
    double rate(double now, double before) const { return (now - before) / _seconds; }

    std::ostream& _out;
    const MetricsSample& _first;
    const MetricsSample& _second;
    const double _seconds;
};

} // namespace

std::string StatusCommand::usage() const
{
    return "feedhubctl status [options]: the hub's uptime, connections and rates, from /metrics\n"
           "  --interval SECONDS     between the two samples the rates come from (1 to 60, default 1)\n"
           "  --url URL, --token T   the hub, and a token if [metrics] asks for one\n";
}

int StatusCommand::run(const std::vector<std::string>& arguments, std::ostream& out)
{
    std::set<std::string> known = HubClient::OPTIONS;
    known.insert("interval");
    const CtlArguments options(arguments, known);
    options.requireOperands(0, 0, "options only");
    const unsigned interval = options.number("interval", 1, 1, 60);
    HubClient hub(options);

    const MetricsSample first(hub.get("/metrics"));
    const Poco::Clock firstTaken;
    Poco::Thread::sleep(static_cast<long>(interval) * 1000);
    const MetricsSample second(hub.get("/metrics"));
    const double seconds = static_cast<double>(firstTaken.elapsed()) / Poco::Clock::resolution();
    if (!second.total("feedhub_connections"))
        hub.unexpected("GET /metrics", "it has no feedhub_connections");

    Report report(out, first, second, seconds);
    report.line("hub", hub.url().toString());
    if (const auto started = second.total("process_start_time_seconds"))
        report.line("uptime", duration(Poco::Timestamp().epochMicroseconds() / 1e6 - *started));
    report.gauge("connections", "feedhub_connections", "transport");
    report.gauge("subscriptions", "feedhub_subscriptions");
    report.gauge("topics", "feedhub_topics");
    report.counter("published", "feedhub_events_published_total", "outcome");
    report.counter("delivered", "feedhub_events_delivered_total", "transport");
    report.byteCounter("sent", "feedhub_bytes_sent_total");
    return 0;
}

} // namespace feedhub
