#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace feedhub::bench
{

// Incremental WHATWG Server-Sent Events parser. Bytes are fed as they arrive
// from the socket, so lines and frames may be split anywhere, including between
// the CR and LF of a CRLF. Only the data of each event matters to the
// benchmark; comments (heartbeats), id, event and retry fields are skipped.
class SseParser
{
public:
    // Called once per dispatched event with its data lines joined by '\n'. The
    // view is only valid during the call.
    using DataHandler = std::function<void(std::string_view data)>;

    explicit SseParser(DataHandler onData);

    void feed(const char* bytes, size_t length);

private:
    void processLine(std::string_view line);

    DataHandler _onData;
    std::string _partialLine; // line whose terminator has not arrived yet
    std::string _data;        // data buffer of the event being assembled
    bool _hasData = false;
    bool _skipLeadingLineFeed = false; // previous chunk ended in CR
};

} // namespace feedhub::bench
