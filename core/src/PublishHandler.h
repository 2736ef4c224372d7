//
// PublishHandler.h
//
// Definition of the PublishHandler class.
//

#ifndef feedhub_PublishHandler_INCLUDED
#define feedhub_PublishHandler_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "feedhub/Hub.h"
#include "feedhub/Publication.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class PublishHandler : public RouteHandler
    /// POST /publish: a JSON object {"topic","type","data"}, a JSON array of
    /// them (published all or none), or a form with topic, type and data.
    /// Answers 201 with the assigned ids.
{
public:
    explicit PublishHandler(Hub& hub);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::vector<Publication> readJson(Poco::Net::HTTPServerRequest& request);
    std::vector<Publication> readForm(Poco::Net::HTTPServerRequest& request);
    static Publication fromJson(const Poco::Dynamic::Var& value);

    Hub& _hub;
};

} // namespace feedhub

#endif // feedhub_PublishHandler_INCLUDED
