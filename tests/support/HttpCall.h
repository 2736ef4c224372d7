//
// HttpCall.h
//
// Definition of the HttpCall class.
//

#ifndef feedhub_HttpCall_INCLUDED
#define feedhub_HttpCall_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPResponse.h"
#include <map>
#include <string>

class HttpCall
    /// One HTTP request to the daemon under test, on a fresh connection.
{
public:
    using Headers = std::map<std::string, std::string>;

    struct Result
    {
        int status = 0;
        std::string body;
        Poco::Net::HTTPResponse response;

        Poco::Dynamic::Var json() const;
            /// The body parsed as JSON.
        std::string jsonString(const std::string& field) const;
            /// A string field of a JSON object body ("" if absent).
    };

    static Result get(Poco::UInt16 port, const std::string& path, const Headers& headers = Headers());
    static Result post(Poco::UInt16 port, const std::string& path, const std::string& body,
                       const std::string& contentType = "application/json",
                       const Headers& headers = Headers());
    static Result send(Poco::UInt16 port, const std::string& method, const std::string& path,
                       const std::string& body, const std::string& contentType, const Headers& headers);

    static std::string publish(Poco::UInt16 port, const std::string& topic, const std::string& data,
                               const std::string& type = "message");
        /// Publishes one event; returns its id. Throws unless the hub answers 201.
};

#endif // feedhub_HttpCall_INCLUDED
