//
// HttpError.cpp
//

#include "feedhub/HttpError.h"

namespace feedhub
{

HttpError::HttpError(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& message)
    : std::runtime_error(message), _status(status)
{
}

// Out of line, so the type information the hub catches plugins' errors by
// lives once, in libfeedhub.
HttpError::~HttpError() = default;

} // namespace feedhub
