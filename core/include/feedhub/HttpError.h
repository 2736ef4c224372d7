//
// HttpError.h
//
// Definition of the HttpError class.
//

#ifndef feedhub_HttpError_INCLUDED
#define feedhub_HttpError_INCLUDED

#include "Poco/Net/HTTPResponse.h"
#include "feedhub/Export.h"
#include <stdexcept>

namespace feedhub
{

class FEEDHUB_API HttpError : public std::runtime_error
    /// Thrown by a route to answer with a status and a JSON {"error": ...}.
{
public:
    HttpError(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& message);
    ~HttpError() override;

    Poco::Net::HTTPResponse::HTTPStatus status() const { return _status; }

private:
    Poco::Net::HTTPResponse::HTTPStatus _status;
};

} // namespace feedhub

#endif // feedhub_HttpError_INCLUDED
