//
// StockMarket.h
//
// Definition of the StockMarket class.
//

#ifndef feedhub_stock_StockMarket_INCLUDED
#define feedhub_stock_StockMarket_INCLUDED

#include "Poco/Types.h"
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace feedhub::stock
{

class StockMarket
    /// Simulated quotes: each tick moves one symbol, in turn, by a random
    /// step of up to stepPercent of its price, and says when a symbol has
    /// moved more than alertPercent from its session open.
    ///
    /// Prices are whole cents, so they stay exact; a price never goes below
    /// one cent. Not thread-safe: the feed ticks it from its timer only.
{
public:
    struct Listing
    {
        std::string symbol;
        Poco::Int64 openCents;
    };

    struct Tick
    {
        std::string symbol;
        Poco::Int64 priceCents;
        Poco::Int64 changeCents;
            /// Since the symbol's previous price.
        double changePercent;
            /// Since the symbol's previous price, rounded to 2 decimals.
        Poco::Int64 openCents;
        double percentFromOpen;
            /// Rounded to 2 decimals.
        bool alert;
            /// The move from open has just gone past alertPercent. It is
            /// reported once per excursion: again only after the symbol has
            /// come back within the threshold.
    };

    StockMarket(std::vector<Listing> listings, double stepPercent, double alertPercent, std::uint32_t seed);
        /// Throws Poco::InvalidArgumentException if there are no listings.

    Tick tick();
        /// Moves the next symbol in turn.

    static std::vector<Listing> parseListings(const std::string& text);
        /// Reads "AAPL:189.50, GOOG:141.80". Throws
        /// Poco::InvalidArgumentException naming the entry that is not a
        /// symbol (1 to 12 of A-Z 0-9 . -) with a positive price.

private:
    struct Quote
    {
        Listing listing;
        Poco::Int64 priceCents;
        bool alerted = false;
    };

    std::vector<Quote> _quotes;
    std::size_t _next = 0;
    double _stepFraction;
    double _alertPercent;
    std::mt19937 _random;
};

} // namespace feedhub::stock

#endif // feedhub_stock_StockMarket_INCLUDED
