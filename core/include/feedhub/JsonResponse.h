//
// JsonResponse.h
//
// Definition of the JsonResponse class.
//

#ifndef feedhub_JsonResponse_INCLUDED
#define feedhub_JsonResponse_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPServerResponse.h"

namespace feedhub
{

class JsonResponse
    /// Sends JSON bodies with a Content-Length, so connections stay reusable.
{
public:
    static void send(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                     const Poco::Dynamic::Var& body);

    static void sendText(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                         const std::string& json);
        /// Sends JSON text the caller has already written; for hot routes,
        /// where Poco's Stringifier would be most of the request's cost.

    static void error(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                      const std::string& message);
        /// Sends {"error": message}.
};

} // namespace feedhub

#endif // feedhub_JsonResponse_INCLUDED
