//
// IntakeCall.cpp
//

#include "publish/IntakeCall.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

const std::string IntakeCall::BUSY = "every worker is busy; retry shortly";

bool IntakeCall::submit(WorkerPool& workers, Authorizer& authorizer, PublishIntakes::Intake intake,
                        std::shared_ptr<const HttpRequest> request, Publication publication, Done done)
{
    authorizer.checkNotBlocked(*request);
    return workers.submit([&authorizer, intake = std::move(intake), request = std::move(request),
                           publication = std::move(publication), done = std::move(done)] {
        Outcome outcome;
        try
        {
            outcome.id = intake(*request, publication);
        }
        catch (...)
        {
            outcome.failure = RouteCall::failure(*request);
            const HTTPResponse::HTTPStatus status = outcome.failure->response.status();
            if (status == HTTPResponse::HTTP_UNAUTHORIZED || status == HTTPResponse::HTTP_FORBIDDEN)
                authorizer.refused(request->clientAddress().host().toString(),
                                   Authorizer::describe(*request));
        }
        done(outcome);
    });
}

} // namespace feedhub
