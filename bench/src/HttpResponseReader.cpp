#include "HttpResponseReader.h"

#include <algorithm>

namespace feedhub::bench
{

namespace
{

constexpr size_t kMaxHeadBytes = 64 * 1024;

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive search without a lower-cased copy: the tool reads a head
// per poll answer, and every allocation there is taken from the server's CPU.
bool containsIgnoringCase(std::string_view text, std::string_view lowerCaseWord)
{
    return std::search(text.begin(), text.end(), lowerCaseWord.begin(), lowerCaseWord.end(),
                       [](char a, char b) { return lowerAscii(a) == b; }) != text.end();
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

bool parseDecimal(std::string_view text, uint64_t& value)
{
    if (text.empty() || text.size() > 19)
        return false;
    value = 0;
    for (char c : text)
    {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    return true;
}

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::string_view HttpResponseHead::header(std::string_view lowerCaseName) const
{
    for (const auto& [name, value] : headers)
    {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

HttpResponseReader::HttpResponseReader(HttpResponseListener& listener) : _listener(listener) {}

void HttpResponseReader::reset()
{
    _state = State::Head;
    _headBuffer.clear();
    _remaining = 0;
}

bool HttpResponseReader::feed(const char* bytes, size_t length, size_t& consumed)
{
    consumed = 0;
    switch (_state)
    {
    case State::Head:
        return consumeHead(bytes, length, consumed);
    case State::FixedBody:
    {
        consumed = static_cast<size_t>(std::min<uint64_t>(_remaining, length));
        _remaining -= consumed;
        _listener.onResponseBody(bytes, consumed);
        if (_remaining == 0)
            completeResponse();
        return true;
    }
    case State::BodyUntilClose:
        consumed = length;
        _listener.onResponseBody(bytes, length);
        return true;
    default:
        return consumeChunked(bytes, length, consumed);
    }
}

bool HttpResponseReader::finishAtEndOfStream()
{
    if (_state != State::BodyUntilClose)
        return false;
    completeResponse();
    return true;
}

bool HttpResponseReader::consumeHead(const char* bytes, size_t length, size_t& consumed)
{
    const size_t previousSize = _headBuffer.size();
    _headBuffer.append(bytes, length);
    // Resume the search a few bytes back: the terminator may straddle reads.
    const size_t searchFrom = previousSize > 3 ? previousSize - 3 : 0;
    size_t headEnd = std::string::npos;
    for (size_t i = searchFrom; i < _headBuffer.size(); ++i)
    {
        if (_headBuffer[i] != '\n')
            continue;
        if (i + 1 < _headBuffer.size() && _headBuffer[i + 1] == '\n')
        {
            headEnd = i + 2;
            break;
        }
        if (i + 2 < _headBuffer.size() && _headBuffer[i + 1] == '\r' && _headBuffer[i + 2] == '\n')
        {
            headEnd = i + 3;
            break;
        }
    }
    if (headEnd == std::string::npos)
    {
        consumed = length;
        return _headBuffer.size() <= kMaxHeadBytes;
    }
    consumed = headEnd - previousSize;
    if (!parseHead(std::string_view(_headBuffer).substr(0, headEnd)))
        return false;
    _headBuffer.clear();
    _listener.onResponseHead(_head);

    // After 101 Switching Protocols the rest of the connection is the new
    // protocol's (WebSocket frames): handed on as a body that ends with it.
    const bool switched = _head.status == 101;
    const bool bodyless = (_head.status / 100 == 1 && !switched) || _head.status == 204 || _head.status == 304;
    const std::string_view contentLength = _head.header("content-length");
    if (bodyless)
    {
        completeResponse();
    }
    else if (containsIgnoringCase(_head.header("transfer-encoding"), "chunked"))
    {
        _state = State::ChunkSize;
        _remaining = 0;
    }
    else if (!contentLength.empty() && !switched)
    {
        if (!parseDecimal(contentLength, _remaining))
            return false;
        _state = State::FixedBody;
        if (_remaining == 0)
            completeResponse();
    }
    else
    {
        // Delimited by connection close (how SSE streams are sent).
        _head.keepAlive = false;
        _state = State::BodyUntilClose;
    }
    return true;
}

bool HttpResponseReader::parseHead(std::string_view text)
{
    // The head's strings are assigned in place: answers on one connection
    // carry the same headers, so after the first no header allocates.
    _head.status = 0;
    size_t headerCount = 0;
    size_t lineStart = 0;
    bool firstLine = true;
    bool http10 = false;
    std::string_view connection;
    while (lineStart < text.size())
    {
        size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string_view::npos)
            lineEnd = text.size();
        const std::string_view line = trim(text.substr(lineStart, lineEnd - lineStart));
        lineStart = lineEnd + 1;
        if (line.empty())
            continue;
        if (firstLine)
        {
            firstLine = false;
            if (line.substr(0, 5) != "HTTP/" || line.size() < 12)
                return false;
            http10 = line.substr(0, 8) == "HTTP/1.0";
            uint64_t status = 0;
            if (!parseDecimal(line.substr(9, 3), status))
                return false;
            _head.status = static_cast<int>(status);
            continue;
        }
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return false;
        if (headerCount == _head.headers.size())
            _head.headers.emplace_back();
        auto& [name, value] = _head.headers[headerCount++];
        name.assign(trim(line.substr(0, colon)));
        std::transform(name.begin(), name.end(), name.begin(), lowerAscii);
        value.assign(trim(line.substr(colon + 1)));
        if (name == "connection")
            connection = line.substr(colon + 1);
    }
    _head.headers.resize(headerCount);
    _head.keepAlive =
        http10 ? containsIgnoringCase(connection, "keep-alive") : !containsIgnoringCase(connection, "close");
    return !firstLine;
}

bool HttpResponseReader::consumeChunked(const char* bytes, size_t length, size_t& consumed)
{
    size_t pos = 0;
    while (pos < length)
    {
        const char c = bytes[pos];
        switch (_state)
        {
        case State::ChunkSize:
            if (c == '\n')
            {
                _state = _remaining == 0 ? State::ChunkTrailer : State::ChunkData;
                _trailerLineEmpty = true;
            }
            else if (c == ';')
            {
                _state = State::ChunkExtension;
            }
            else if (c != '\r' && c != ' ')
            {
                const int digit = hexDigitValue(c);
                if (digit < 0 || _remaining > (UINT64_MAX >> 4))
                    return false;
                _remaining = (_remaining << 4) | static_cast<uint64_t>(digit);
            }
            ++pos;
            break;
        case State::ChunkExtension:
            if (c == '\n')
            {
                _state = _remaining == 0 ? State::ChunkTrailer : State::ChunkData;
                _trailerLineEmpty = true;
            }
            ++pos;
            break;
        case State::ChunkData:
        {
            const size_t take = static_cast<size_t>(std::min<uint64_t>(_remaining, length - pos));
            _listener.onResponseBody(bytes + pos, take);
            pos += take;
            _remaining -= take;
            if (_remaining == 0)
                _state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (c == '\n')
                _state = State::ChunkSize;
            else if (c != '\r')
                return false;
            ++pos;
            break;
        case State::ChunkTrailer:
            ++pos;
            if (c == '\n')
            {
                if (_trailerLineEmpty)
                {
                    completeResponse();
                    consumed = pos;
                    return true;
                }
                _trailerLineEmpty = true;
            }
            else if (c != '\r')
            {
                _trailerLineEmpty = false;
            }
            break;
        default:
            return false;
        }
    }
    consumed = pos;
    return true;
}

void HttpResponseReader::completeResponse()
{
    _state = State::Head;
    _remaining = 0;
    _listener.onResponseComplete();
}

} // namespace feedhub::bench
