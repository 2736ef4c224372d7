//
// TopicsCommand.cpp
//

#include "TopicsCommand.h"
#include "CtlArguments.h"
#include "HubClient.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <algorithm>
#include <array>
#include <iomanip>
#include <ostream>

namespace feedhub
{

namespace
{

constexpr std::size_t COLUMNS = 4;
using Row = std::array<std::string, COLUMNS>;

} // namespace

std::string TopicsCommand::usage() const
{
    return "feedhubctl topics [options]: the hub's topics with their subscribers, events held and last id\n"
           "  --url URL, --token T   the hub\n";
}

int TopicsCommand::run(const std::vector<std::string>& arguments, std::ostream& out)
{
    const CtlArguments options(arguments, HubClient::OPTIONS);
    options.requireOperands(0, 0, "options only");
    HubClient hub(options);
    std::vector<Row> rows;
    rows.push_back({"TOPIC", "SUBSCRIBERS", "HELD", "LAST ID"});
    try
    {
        const Poco::JSON::Array::Ptr topics = Poco::JSON::Parser()
                                                  .parse(hub.get("/topics"))
                                                  .extract<Poco::JSON::Object::Ptr>()
                                                  ->getArray("topics");
        if (!topics)
            throw Poco::DataException("no \"topics\" array");
        for (std::size_t i = 0; i < topics->size(); ++i)
        {
            const Poco::JSON::Object::Ptr topic = topics->getObject(static_cast<unsigned>(i));
            if (!topic)
                throw Poco::DataException("a topic that is not an object");
            const std::string lastId = topic->getValue<std::string>("lastId");
            rows.push_back({topic->getValue<std::string>("name"), topic->get("subscribers").toString(),
                            topic->get("held").toString(), lastId.empty() ? "-" : lastId});
        }
    }
    catch (const Poco::Exception& exc)
    {
        hub.unexpected("GET /topics", exc.displayText());
    }
    std::sort(rows.begin() + 1, rows.end());
    std::array<std::size_t, COLUMNS> widths{};
    for (const Row& row : rows)
    {
        for (std::size_t column = 0; column < COLUMNS; ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    for (const Row& row : rows)
    {
        // Names and ids to the left, counts to the right.
        out << std::left << std::setw(static_cast<int>(widths[0])) << row[0] << "  " << std::right
            << std::setw(static_cast<int>(widths[1])) << row[1] << "  "
            << std::setw(static_cast<int>(widths[2])) << row[2] << "  " << std::left << row[3] << '\n';
    }
    return 0;
}

} // namespace feedhub
