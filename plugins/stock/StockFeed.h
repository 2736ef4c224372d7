//
// StockFeed.h
//
// Definition of the StockFeed class.
//

#ifndef feedhub_stock_StockFeed_INCLUDED
#define feedhub_stock_StockFeed_INCLUDED

#include "StockMarket.h"
#include "feedhub/Feed.h"
#include "feedhub/Publisher.h"
#include <memory>

namespace feedhub::stock
{

class StockFeed : public Feed
    /// Simulated stock quotes. Every interval one symbol moves: a
    /// "stock_update" {"symbol","price","change","changePercent","time"} on
    /// the topic, a "market_alert" {"symbol","price","changePercent","open",
    /// "time"} there too when the symbol has moved past the alert threshold
    /// from its session open, and an unnamed {"symbol","price","change"} on
    /// the simple topic, which stream_path serves for pages that only listen
    /// with onmessage.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(FeedContext& context) override;

private:
    void tick(Publisher& publisher);

    std::string _topic;
    std::string _simpleTopic;
    std::string _streamPath;
    int _intervalMs = 2000;
    std::unique_ptr<StockMarket> _market;
};

} // namespace feedhub::stock

#endif // feedhub_stock_StockFeed_INCLUDED
