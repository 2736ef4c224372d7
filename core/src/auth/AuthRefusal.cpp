//
// AuthRefusal.cpp
//

#include "auth/AuthRefusal.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

AuthRefusal::AuthRefusal(HTTPResponse::HTTPStatus status, const std::string& message)
    : HttpError(status, message)
{
}

AuthRefusal AuthRefusal::unauthorized(const std::string& message)
{
    return AuthRefusal(HTTPResponse::HTTP_UNAUTHORIZED, message);
}

AuthRefusal AuthRefusal::forbidden(const std::string& message)
{
    return AuthRefusal(HTTPResponse::HTTP_FORBIDDEN, message);
}

AuthRefusal AuthRefusal::tooMany(const std::string& message, int retryAfterSeconds)
{
    AuthRefusal refusal(HTTPResponse::HTTP_TOO_MANY_REQUESTS, message);
    refusal._retryAfterSeconds = retryAfterSeconds;
    return refusal;
}

HttpResponse AuthRefusal::response() const
{
    HttpResponse response = HttpResponse::error(status(), what());
    if (status() == HTTPResponse::HTTP_UNAUTHORIZED)
        response.set("WWW-Authenticate", "Bearer realm=\"feedhub\"");
    else if (status() == HTTPResponse::HTTP_TOO_MANY_REQUESTS)
        response.set("Retry-After", std::to_string(_retryAfterSeconds));
    return response;
}

} // namespace feedhub
