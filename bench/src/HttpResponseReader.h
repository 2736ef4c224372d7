#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feedhub::bench
{

struct HttpResponseHead
{
    int status = 0;
    // Whether the connection may carry another request after this response.
    bool keepAlive = false;
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased

    // Value of the first header with that (lower-case) name, empty if absent.
    std::string_view header(std::string_view lowerCaseName) const;
};

// Callbacks from HttpResponseReader. Only onResponseComplete may close or
// reuse the connection: it is the reader's last action for a response.
class HttpResponseListener
{
public:
    virtual void onResponseHead(const HttpResponseHead& head) = 0;
    virtual void onResponseBody(const char* bytes, size_t length) = 0;
    virtual void onResponseComplete() = 0;

protected:
    ~HttpResponseListener() = default;
};

// Incremental HTTP/1.x response parser for a non-blocking client: the head,
// Content-Length, chunked and close-delimited bodies, fed in arbitrary pieces.
// Body bytes are passed through as they arrive, so an endless SSE stream never
// accumulates here.
class HttpResponseReader
{
public:
    explicit HttpResponseReader(HttpResponseListener& listener);

    // Consumes bytes up to and including the end of one response, so the
    // caller can stop if the listener closed or reused the connection.
    // Returns false on malformed input.
    bool feed(const char* bytes, size_t length, size_t& consumed);

    // The peer closed the connection. Completes a close-delimited body and
    // returns true if that finished a response.
    bool finishAtEndOfStream();

    // Forget any partial response (the connection was replaced).
    void reset();

private:
    enum class State
    {
        Head,
        FixedBody,
        ChunkSize,
        ChunkExtension,
        ChunkData,
        ChunkDataEnd,
        ChunkTrailer,
        BodyUntilClose
    };

    bool consumeHead(const char* bytes, size_t length, size_t& consumed);
    bool parseHead(std::string_view text);
    bool consumeChunked(const char* bytes, size_t length, size_t& consumed);
    void completeResponse();

    HttpResponseListener& _listener;
    State _state = State::Head;
    std::string _headBuffer;
    HttpResponseHead _head;
    uint64_t _remaining = 0;       // bytes left in the fixed body or current chunk
    bool _trailerLineEmpty = true; // in the trailer: current line has no content yet
};

} // namespace feedhub::bench
