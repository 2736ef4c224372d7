//
// RequestReader.h
//
// Definition of the RequestReader class.
//

#ifndef feedhub_RequestReader_INCLUDED
#define feedhub_RequestReader_INCLUDED

#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include <cstddef>
#include <string>

namespace feedhub
{

class RequestReader
    /// Reads HTTP/1.x requests out of the bytes a connection has received,
    /// as strictly as a proxy in front of the hub expects (leniency here is a
    /// request-smuggling risk).
    ///
    /// Heads are parsed by Poco::Net::HTTPRequest; the reader adds what a
    /// server on a non-blocking socket needs around it: where the head ends,
    /// size limits, the body's framing (Content-Length, or chunked, decoded
    /// here) and refusals: 400 for a malformed head, two Content-Lengths or a
    /// Content-Length beside a Transfer-Encoding; 501 for a transfer coding
    /// other than chunked; 505 for a version other than 1.0 and 1.1; 431 for
    /// a head over the limit; 413 for a body over it. A request is complete
    /// only when its whole body is in, so nothing cut short is ever served.
{
public:
    struct Limits
    {
        std::size_t maxHeadBytes = 32 * 1024;
        std::size_t maxBodyBytes = 64 * 1024;
    };

    enum class Result
    {
        NEED_MORE, /// the request is not all in yet
        COMPLETE,  /// head() and body() hold the request; its bytes are consumed
        REFUSED    /// status() and error() say why; the connection must close
    };

    explicit RequestReader(const Limits& limits);

    Result read(std::string& received);
        /// Reads the next request from the front of received, consuming its
        /// bytes when it is complete. Call again with more bytes after
        /// NEED_MORE, and after COMPLETE for the next pipelined request.

    bool started() const { return _headLength > 0; }
        /// A head has been read, and its body is awaited.
    bool wantsContinue() const;
        /// The head asks for "100 Continue" before its body is sent.

    Poco::Net::HTTPRequest& head() { return _head; }
    std::string& body() { return _body; }
    Poco::Net::HTTPResponse::HTTPStatus status() const { return _status; }
    const std::string& error() const { return _error; }

private:
    Result readHead(std::string& received);
    Result readChunked(std::string& received);
    Result refuse(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& error);
    Result complete(std::string& received, std::size_t consumed);
    void checkFraming();

    Limits _limits;
    Poco::Net::HTTPRequest _head;
    std::size_t _headLength = 0;
    bool _chunked = false;
    std::size_t _contentLength = 0;
    std::size_t _chunkOffset = 0; /// how far the chunked body has been decoded
    std::string _body;
    Poco::Net::HTTPResponse::HTTPStatus _status = Poco::Net::HTTPResponse::HTTP_OK;
    std::string _error;
};

} // namespace feedhub

#endif // feedhub_RequestReader_INCLUDED
