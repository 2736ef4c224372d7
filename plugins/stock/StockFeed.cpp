//
// StockFeed.cpp
//

#include "StockFeed.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "feedhub/FeedContext.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"
#include "feedhub/PluginApi.h"
#include "feedhub/TopicName.h"
#include <random>

namespace feedhub::stock
{

namespace
{

const char* const DEFAULT_SYMBOLS = "AAPL:189.50, GOOG:141.80, MSFT:378.90, AMZN:151.90";

double dollars(Poco::Int64 cents)
{
    return static_cast<double>(cents) / 100.0;
}

double readPercent(const Poco::Util::AbstractConfiguration& section, const std::string& key, double fallback,
                   double highest)
{
    const double value = section.getDouble(key, fallback);
    if (!(value > 0 && value <= highest))
        throw Poco::InvalidArgumentException(key + " must be more than 0 and at most " +
                                             std::to_string(static_cast<int>(highest)));
    return value;
}

} // namespace

std::string StockFeed::name() const
{
    return "simulated stock quotes";
}

std::vector<std::string> StockFeed::keys() const
{
    return {"symbols", "interval_ms",  "step_percent", "alert_percent",
            "topic",   "simple_topic", "stream_path"};
}

void StockFeed::configure(const Poco::Util::AbstractConfiguration& section)
{
    _topic = section.getString("topic", "stocks");
    TopicName::check(_topic);
    _simpleTopic = section.getString("simple_topic", "stocks.simple");
    TopicName::check(_simpleTopic);
    _streamPath = section.getString("stream_path", "/stream");
    if (!_streamPath.empty() && _streamPath[0] != '/')
        throw Poco::InvalidArgumentException("stream_path must start with / (or be empty for none)");
    _intervalMs = section.getInt("interval_ms", 2000);
    if (_intervalMs < 10)
        throw Poco::InvalidArgumentException("interval_ms must be at least 10");
    const double stepPercent = readPercent(section, "step_percent", 0.5, 50);
    const double alertPercent = readPercent(section, "alert_percent", 2.0, 1000);
    _market = std::make_unique<StockMarket>(
        StockMarket::parseListings(section.getString("symbols", DEFAULT_SYMBOLS)), stepPercent, alertPercent,
        std::random_device()());
}

void StockFeed::start(FeedContext& context)
{
    context.claimTopic(_topic);
    context.claimTopic(_simpleTopic);
    if (!_streamPath.empty())
        context.mountEventStream(_streamPath, {_simpleTopic});
    context.every(Poco::Timespan(_intervalMs * Poco::Timespan::MILLISECONDS),
                  [this, &context] { tick(context.publisher()); });
}

void StockFeed::tick(Publisher& publisher)
{
    const StockMarket::Tick tick = _market->tick();
    const std::string time = IsoTime::format(Poco::Timestamp());

    Poco::JSON::Object::Ptr update = new Poco::JSON::Object;
    update->set("symbol", tick.symbol);
    update->set("price", dollars(tick.priceCents));
    update->set("change", dollars(tick.changeCents));
    update->set("changePercent", tick.changePercent);
    update->set("time", time);

    Poco::JSON::Object::Ptr simple = new Poco::JSON::Object;
    simple->set("symbol", tick.symbol);
    simple->set("price", dollars(tick.priceCents));
    simple->set("change", dollars(tick.changeCents));

    std::vector<Publication> publications = {Publication{_topic, "stock_update", JsonText::format(update)},
                                             Publication{_simpleTopic, "message", JsonText::format(simple)}};
    if (tick.alert)
    {
        Poco::JSON::Object::Ptr alert = new Poco::JSON::Object;
        alert->set("symbol", tick.symbol);
        alert->set("price", dollars(tick.priceCents));
        alert->set("changePercent", tick.percentFromOpen);
        alert->set("open", dollars(tick.openCents));
        alert->set("time", time);
        publications.push_back(Publication{_topic, "market_alert", JsonText::format(alert)});
    }
    publisher.publish(publications);
}

} // namespace feedhub::stock

FEEDHUB_FEED(feedhub::stock::StockFeed)
