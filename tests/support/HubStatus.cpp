//
// HubStatus.cpp
//

#include "HubStatus.h"
#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include <sstream>
#include <stdexcept>

int HubStatus::subscribers(Poco::UInt16 port)
{
    return HttpCall::get(port, "/healthz")
        .json()
        .extract<Poco::JSON::Object::Ptr>()
        ->getValue<int>("subscribers");
}

int HubStatus::connections(Poco::UInt16 port)
{
    // Less the connection that asks.
    return HttpCall::get(port, "/healthz")
               .json()
               .extract<Poco::JSON::Object::Ptr>()
               ->getValue<int>("connections") -
           1;
}

int HubStatus::subscribers(Poco::UInt16 port, const std::string& topic)
{
    const Poco::JSON::Array::Ptr topics =
        HttpCall::get(port, "/topics").json().extract<Poco::JSON::Object::Ptr>()->getArray("topics");
    for (std::size_t i = 0; i < topics->size(); ++i)
    {
        const Poco::JSON::Object::Ptr entry = topics->getObject(static_cast<unsigned>(i));
        if (entry->getValue<std::string>("name") == topic)
            return entry->getValue<int>("subscribers");
    }
    return 0;
}

double HubStatus::metric(Poco::UInt16 port, const std::string& sample)
{
    const HttpCall::Result result = HttpCall::get(port, "/metrics");
    if (result.status != 200)
        throw std::runtime_error("/metrics answered " + std::to_string(result.status) + ": " + result.body);
    return metric(result.body, sample);
}

double HubStatus::metric(const std::string& metrics, const std::string& sample)
{
    std::istringstream lines(metrics);
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.compare(0, sample.size() + 1, sample + " ") == 0)
            return std::stod(line.substr(sample.size() + 1));
    }
    throw std::runtime_error("no sample " + sample + " in /metrics:\n" + metrics);
}

bool HubStatus::waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    const Poco::Timestamp start;
    while (!condition())
    {
        if (start.elapsed() / 1000 > timeoutMs)
            return false;
        Poco::Thread::sleep(20);
    }
    return true;
}
