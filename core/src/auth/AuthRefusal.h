//
// AuthRefusal.h
//
// Definition of the AuthRefusal class.
//

#ifndef feedhub_AuthRefusal_INCLUDED
#define feedhub_AuthRefusal_INCLUDED

#include "feedhub/HttpError.h"
#include "feedhub/HttpResponse.h"

namespace feedhub
{

class AuthRefusal : public HttpError
    /// A request the Authorizer refuses: 401 (no token, or one that is not
    /// valid) with WWW-Authenticate: Bearer, 403 (a valid token without the
    /// claim, or an origin that may not publish) or 429 (too many refusals).
{
public:
    AuthRefusal(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& message);

    static AuthRefusal unauthorized(const std::string& message);
    static AuthRefusal forbidden(const std::string& message);
    static AuthRefusal tooMany(const std::string& message, int retryAfterSeconds);

    HttpResponse response() const;
        /// The JSON error with the headers its status calls for.

private:
    int _retryAfterSeconds = 0;
};

} // namespace feedhub

#endif // feedhub_AuthRefusal_INCLUDED
