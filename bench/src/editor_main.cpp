// feedhub-editor-bench: clients typing into one collab document at once, each
// following the document's changes over SSE and basing every edit on the
// version it last saw; reports how long an edit took to reach every client
// and whether the document ends with every acknowledged keystroke.
#include <iostream>

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/RegExpValidator.h>

#include "BenchReport.h"
#include "EditorRun.h"

namespace feedhub::bench
{

namespace
{

using Poco::Util::Option;

Option valueOption(const std::string& name, const std::string& argument, const std::string& description)
{
    return Option(name, "", description).required(false).repeatable(false).argument(argument).binding(name);
}

// A latency of an empty histogram is none, not 0 ms.
std::string millisOrNa(int64_t micros, uint64_t count)
{
    return count == 0 ? std::string("na") : millis(micros);
}

std::string percent(uint64_t part, uint64_t whole)
{
    return whole == 0 ? "0.00" : fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 2);
}

} // namespace

class EditorBenchApplication : public Poco::Util::Application
{
protected:
    void defineOptions(Poco::Util::OptionSet& options) override
    {
        Application::defineOptions(options);
        options.addOption(Option("help", "h", "Show this help and exit.").required(false).repeatable(false));
        options.addOption(valueOption("host", "ADDR", "Server address (default 127.0.0.1)."));
        options.addOption(valueOption("ports", "N,N,...",
                                      "Ports of the hub's nodes; client i uses port i % count (default 8080).")
                              .validator(new Poco::Util::RegExpValidator("[0-9]+(,[0-9]+)*")));
        options.addOption(valueOption("document", "NAME", "A document nobody has edited yet (required)."));
        options.addOption(valueOption("clients", "N", "Clients typing (default 20, at most 26: one letter each).")
                              .validator(new Poco::Util::IntValidator(1, 26)));
        options.addOption(valueOption("edits", "N", "Edits each client sends (default 100).")
                              .validator(new Poco::Util::IntValidator(1, 100000)));
        options.addOption(valueOption("rate", "R", "Edits per second of each client (default 10).")
                              .validator(new Poco::Util::RegExpValidator("[0-9]+(\\.[0-9]+)?")));
        options.addOption(
            valueOption("drain-timeout", "S",
                        "After the last edit, stop once no change arrived for S seconds (default 3).")
                .validator(new Poco::Util::RegExpValidator("[0-9]+(\\.[0-9]+)?")));
        options.addOption(valueOption("duration-limit", "S", "Hard cap on the whole run in seconds (default 120).")
                              .validator(new Poco::Util::RegExpValidator("[0-9]+(\\.[0-9]+)?")));
    }

    void handleOption(const std::string& name, const std::string& value) override
    {
        Application::handleOption(name, value);
        if (name == "help")
        {
            _helpRequested = true;
            stopOptionsProcessing();
        }
    }

    int main(const ArgVec& arguments) override
    {
        if (_helpRequested)
        {
            Poco::Util::HelpFormatter help(options());
            help.setCommand(commandName());
            help.setUsage("--document NAME [--ports N,N] [--clients N] [--edits N] [--rate R]");
            help.setHeader("Clients typing into one feedhub collab document, each following its changes.");
            help.setUnixStyle(true);
            help.format(std::cout);
            return EXIT_OK;
        }
        if (!arguments.empty() || !config().hasProperty("document"))
        {
            std::cerr << "feedhub-editor-bench: --document NAME is required, and nothing else (see --help)\n";
            return EXIT_USAGE;
        }
        try
        {
            EditorRun run(plan());
            const EditorResult result = run.execute();
            report(result);
            return result.connected > 0 ? EXIT_OK : EXIT_UNAVAILABLE;
        }
        catch (const Poco::Exception& error)
        {
            std::cerr << "feedhub-editor-bench: " << error.displayText() << "\n";
            return EXIT_SOFTWARE;
        }
    }

private:
    EditorPlan plan() const
    {
        EditorPlan plan;
        plan.host = config().getString("host", plan.host);
        plan.document = config().getString("document");
        if (config().hasProperty("ports"))
        {
            plan.ports.clear();
            for (const std::string& port : Poco::StringTokenizer(config().getString("ports"), ","))
                plan.ports.push_back(static_cast<uint16_t>(Poco::NumberParser::parseUnsigned(port)));
        }
        plan.clients = static_cast<size_t>(config().getInt("clients", static_cast<int>(plan.clients)));
        plan.editsPerClient = config().getUInt64("edits", plan.editsPerClient);
        plan.editsPerSecond = config().getDouble("rate", plan.editsPerSecond);
        plan.drainTimeoutSeconds = config().getDouble("drain-timeout", plan.drainTimeoutSeconds);
        plan.durationLimitSeconds = config().getDouble("duration-limit", plan.durationLimitSeconds);
        if (plan.editsPerSecond <= 0 || plan.durationLimitSeconds <= 0)
            throw Poco::InvalidArgumentException("--rate and --duration-limit must be positive");
        return plan;
    }

    void report(const EditorResult& result) const
    {
        std::ostream& out = std::cout;
        out << "feedhub-editor-bench: " << result.connected << " clients following, " << result.lost
            << " streams lost" << (result.lastFailure.empty() ? "" : " (last error: " + result.lastFailure + ")")
            << "\n  edits       " << result.acknowledged << " / " << result.edits << " acknowledged in "
            << fixed(result.typingSeconds, 2) << " s; " << result.failures << " failed (" << result.stale
            << " stale)" << (result.lastError.empty() ? "" : ": " + result.lastError) << "; " << result.late
            << " sent late\n  delivered   " << result.deliveries << " / " << result.expectedDeliveries
            << " change events, " << result.missed << " missed, " << result.duplicates << " duplicates; "
            << result.seenByAll << " edits seen by every client\n  latency     to each client p50 "
            << millis(result.p50Micros) << " ms, p99 " << millis(result.p99Micros) << " ms, max "
            << millis(result.maxMicros) << " ms; to the last client p50 " << millis(result.allP50Micros)
            << " ms, p99 " << millis(result.allP99Micros) << " ms, max " << millis(result.allMaxMicros)
            << " ms; answer p99 " << millis(result.answerP99Micros) << " ms\n";
        for (const DocumentCheck& check : result.documents)
            out << "  document    on port " << check.port << ": "
                << (check.read ? std::to_string(check.text.size()) + " characters at version " +
                                     std::to_string(check.version)
                               : std::string("not read"))
                << "\n";
        out << "  text        " << (result.textComplete ? "holds every acknowledged keystroke" : "INCOMPLETE")
            << (result.nodesAgree ? ", the same on every node" : ", NOT the same on every node")
            << "; bench CPU " << fixed(result.benchCpuPercent, 0) << "% of a core, load average "
            << fixed(result.loadAverage, 2) << " at start\n";
        const DocumentCheck& first = result.documents.front();
        out << "RESULT clients=" << result.connected << " edits=" << result.edits
            << " acknowledged=" << result.acknowledged << " edit_failures=" << result.failures
            << " stale=" << result.stale << " late_edits=" << result.late << " deliveries=" << result.deliveries
            << " expected_deliveries=" << result.expectedDeliveries
            << " delivered_pct=" << percent(result.expectedDeliveries - result.missed, result.expectedDeliveries)
            << " missed=" << result.missed << " duplicates=" << result.duplicates << " lost=" << result.lost
            << " p50_ms=" << millisOrNa(result.p50Micros, result.deliveries)
            << " p99_ms=" << millisOrNa(result.p99Micros, result.deliveries)
            << " max_ms=" << millisOrNa(result.maxMicros, result.deliveries)
            << " all_p50_ms=" << millisOrNa(result.allP50Micros, result.seenByAll)
            << " all_p99_ms=" << millisOrNa(result.allP99Micros, result.seenByAll)
            << " all_max_ms=" << millisOrNa(result.allMaxMicros, result.seenByAll)
            << " answer_p99_ms=" << millisOrNa(result.answerP99Micros, result.answered)
            << " final_chars=" << (first.read ? std::to_string(first.text.size()) : "na")
            << " final_version=" << (first.read ? std::to_string(first.version) : "na")
            << " text_complete=" << (result.textComplete ? 1 : 0) << " nodes_agree=" << (result.nodesAgree ? 1 : 0)
            << " bench_cpu_pct=" << fixed(result.benchCpuPercent, 1) << " loadavg_1m=" << fixed(result.loadAverage, 2)
            << "\n";
    }

    bool _helpRequested = false;
};

} // namespace feedhub::bench

POCO_APP_MAIN(feedhub::bench::EditorBenchApplication)
