//
// RequestReader.cpp
//

#include "http/RequestReader.h"
#include "http/ReusableInputStream.h"
#include "Poco/Net/NetException.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

// Longest chunk-size line (hex digits and extensions) taken.
constexpr std::size_t MAX_CHUNK_LINE = 1024;

std::size_t endOfHead(const std::string& bytes, std::size_t limit)
{
    // A head ends with an empty line; Poco, like most servers, also takes bare
    // LF line ends. Searching line by line stops at the head, before any body.
    const std::size_t end = std::min(bytes.size(), limit);
    for (std::size_t lf = bytes.find('\n'); lf != std::string::npos && lf < end; lf = bytes.find('\n', lf + 1))
    {
        if (lf + 1 < bytes.size() && bytes[lf + 1] == '\n')
            return lf + 2;
        if (lf + 2 < bytes.size() && bytes[lf + 1] == '\r' && bytes[lf + 2] == '\n')
            return lf + 3;
    }
    return std::string::npos;
}

bool isTooLarge(const Poco::Net::MessageException& exc)
{
    // Poco names its own field limits in the message only, and "Field name
    // too long/no colon found" is as often a malformed line: that one stays 400.
    const std::string& message = exc.message();
    return message.find("Field value too long") != std::string::npos ||
           message.find("Too many header fields") != std::string::npos;
}

std::size_t lineEnd(const std::string& bytes, std::size_t from)
{
    const std::size_t lf = bytes.find('\n', from);
    if (lf == std::string::npos || lf == from || bytes[lf - 1] != '\r')
        return std::string::npos;
    return lf;
}

} // namespace

RequestReader::RequestReader(const Limits& limits) : _limits(limits) {}

bool RequestReader::wantsContinue() const
{
    return started() && _head.getExpectContinue();
}

RequestReader::Result RequestReader::read(std::string& received)
{
    if (_headLength == 0)
    {
        const Result head = readHead(received);
        if (head != Result::COMPLETE)
            return head;
    }
    if (_chunked)
        return readChunked(received);
    if (received.size() < _headLength + _contentLength)
        return Result::NEED_MORE;
    _body.assign(received, _headLength, _contentLength);
    return complete(received, _headLength + _contentLength);
}

RequestReader::Result RequestReader::readHead(std::string& received)
{
    // Blank lines before a request are skipped (RFC 9112, 2.2).
    std::size_t leading = 0;
    while (leading < received.size() && (received[leading] == '\r' || received[leading] == '\n'))
        ++leading;
    if (leading > 0)
        received.erase(0, leading);
    if (received.empty())
        return Result::NEED_MORE;
    const std::size_t length = endOfHead(received, _limits.maxHeadBytes);
    if (length == std::string::npos || length > _limits.maxHeadBytes)
    {
        if (received.size() >= _limits.maxHeadBytes)
            return refuse(HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                          "the request head is larger than the limit of " +
                              Poco::NumberFormatter::format(_limits.maxHeadBytes) + " bytes");
        return Result::NEED_MORE;
    }
    _status = HTTPResponse::HTTP_OK;
    try
    {
        // One stream per loop thread, pointed at each head in turn.
        thread_local ReusableInputStream in;
        in.point(received.data(), length);
        _head.clear();
        _head.read(in);
        checkFraming();
    }
    catch (const Poco::Net::MessageException& exc)
    {
        if (isTooLarge(exc))
            return refuse(HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                          "the request head is too large: " + exc.message());
        return refuse(HTTPResponse::HTTP_BAD_REQUEST, "malformed HTTP request: " + exc.message());
    }
    catch (const Poco::Exception& exc)
    {
        if (_status == HTTPResponse::HTTP_OK)
            return refuse(HTTPResponse::HTTP_BAD_REQUEST, "malformed HTTP request: " + exc.message());
        return refuse(_status, exc.message());
    }
    _headLength = length;
    _body.clear();
    return Result::COMPLETE;
}

void RequestReader::checkFraming()
{
    const std::string& version = _head.getVersion();
    if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0)
    {
        _status = HTTPResponse::HTTP_VERSION_NOT_SUPPORTED;
        throw Poco::DataFormatException("HTTP version " + version + " is not supported; use HTTP/1.1");
    }
    int lengths = 0;
    int codings = 0;
    std::string coding;
    std::string length;
    for (const auto& [name, value] : _head)
    {
        if (Poco::icompare(name, Poco::Net::HTTPMessage::CONTENT_LENGTH) == 0)
        {
            ++lengths;
            length = value;
        }
        else if (Poco::icompare(name, Poco::Net::HTTPMessage::TRANSFER_ENCODING) == 0)
        {
            ++codings;
            coding = Poco::trim(value);
        }
    }
    if (lengths > 1)
        throw Poco::DataFormatException("more than one Content-Length header");
    if (codings > 0 && lengths > 0)
        throw Poco::DataFormatException("Content-Length and Transfer-Encoding together");
    _chunked = false;
    _contentLength = 0;
    _chunkOffset = 0;
    if (codings > 0)
    {
        if (codings > 1 || Poco::icompare(coding, "chunked") != 0 || version != Poco::Net::HTTPMessage::HTTP_1_1)
        {
            _status = HTTPResponse::HTTP_NOT_IMPLEMENTED;
            throw Poco::DataFormatException("Transfer-Encoding '" + coding +
                                            "' is not supported; send a Content-Length or chunked");
        }
        _chunked = true;
        return;
    }
    if (lengths == 0)
        return;
    Poco::UInt64 value = 0;
    const std::string trimmed = Poco::trim(length);
    if (trimmed.empty() || trimmed.find_first_not_of("0123456789") != std::string::npos ||
        !Poco::NumberParser::tryParseUnsigned64(trimmed, value))
        throw Poco::DataFormatException("Content-Length is not a number: '" + length + "'");
    if (value > _limits.maxBodyBytes)
    {
        _status = HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE;
        throw Poco::DataFormatException("request body is larger than the limit of " +
                                        Poco::NumberFormatter::format(_limits.maxBodyBytes) + " bytes");
    }
    _contentLength = static_cast<std::size_t>(value);
}

RequestReader::Result RequestReader::readChunked(std::string& received)
{
    // chunk = hex-size [; extension] CRLF data CRLF, ended by a zero-size
    // chunk, optional trailer lines and an empty line (RFC 9112, 7.1).
    std::size_t at = _headLength + _chunkOffset;
    while (true)
    {
        const std::size_t lf = lineEnd(received, at);
        if (lf == std::string::npos)
        {
            if (received.size() - at > MAX_CHUNK_LINE || received.find('\n', at) != std::string::npos)
                return refuse(HTTPResponse::HTTP_BAD_REQUEST, "malformed chunked body: bad chunk-size line");
            return Result::NEED_MORE;
        }
        const std::string line = received.substr(at, lf - 1 - at);
        const std::string size = line.substr(0, line.find(';'));
        Poco::UInt64 length = 0;
        if (size.empty() || size.size() > 16 || size.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos ||
            !Poco::NumberParser::tryParseHex64(size, length))
            return refuse(HTTPResponse::HTTP_BAD_REQUEST, "malformed chunked body: bad chunk size '" + size + "'");
        if (length == 0)
        {
            // Trailer lines, then the empty line that ends the body.
            std::size_t trailer = lf + 1;
            while (true)
            {
                const std::size_t end = lineEnd(received, trailer);
                if (end == std::string::npos)
                {
                    if (received.size() - trailer > _limits.maxHeadBytes)
                        return refuse(HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "chunked trailer too large");
                    return Result::NEED_MORE;
                }
                if (end == trailer + 1)
                    return complete(received, end + 1);
                trailer = end + 1;
            }
        }
        if (_body.size() + length > _limits.maxBodyBytes)
            return refuse(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                          "request body is larger than the limit of " +
                              Poco::NumberFormatter::format(_limits.maxBodyBytes) + " bytes");
        const std::size_t data = lf + 1;
        if (received.size() < data + length + 2)
            return Result::NEED_MORE;
        if (received[data + length] != '\r' || received[data + length + 1] != '\n')
            return refuse(HTTPResponse::HTTP_BAD_REQUEST, "malformed chunked body: chunk data not followed by CRLF");
        _body.append(received, data, length);
        at = data + length + 2;
        _chunkOffset = at - _headLength;
    }
}

RequestReader::Result RequestReader::refuse(HTTPResponse::HTTPStatus status, const std::string& error)
{
    _status = status;
    _error = error;
    return Result::REFUSED;
}

RequestReader::Result RequestReader::complete(std::string& received, std::size_t consumed)
{
    received.erase(0, consumed);
    _headLength = 0;
    _chunkOffset = 0;
    return Result::COMPLETE;
}

} // namespace feedhub
