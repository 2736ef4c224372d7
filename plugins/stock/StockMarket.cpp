//
// StockMarket.cpp
//

#include "StockMarket.h"
#include "Poco/Exception.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include <algorithm>
#include <cctype>
#include <cmath>

namespace feedhub::stock
{

namespace
{

constexpr std::size_t MAX_SYMBOL_LENGTH = 12;
constexpr double MIN_PRICE = 0.01;
constexpr double MAX_PRICE = 1e9;

double roundTo2Decimals(double value)
{
    return std::round(value * 100.0) / 100.0;
}

bool isSymbol(const std::string& symbol)
{
    return !symbol.empty() && symbol.size() <= MAX_SYMBOL_LENGTH &&
           std::all_of(symbol.begin(), symbol.end(), [](unsigned char c) {
               return std::isupper(c) || std::isdigit(c) || c == '.' || c == '-';
           });
}

} // namespace

StockMarket::StockMarket(std::vector<Listing> listings, double stepPercent, double alertPercent,
                         std::uint32_t seed)
    : _stepFraction(stepPercent / 100.0), _alertPercent(alertPercent), _random(seed)
{
    if (listings.empty())
        throw Poco::InvalidArgumentException("symbols: at least one symbol is needed");
    for (Listing& listing : listings)
    {
        const Poco::Int64 open = listing.openCents;
        _quotes.push_back(Quote{std::move(listing), open});
    }
}

StockMarket::Tick StockMarket::tick()
{
    Quote& quote = _quotes[_next];
    _next = (_next + 1) % _quotes.size();

    std::uniform_real_distribution<double> step(-_stepFraction, _stepFraction);
    const Poco::Int64 previous = quote.priceCents;
    const auto moved =
        static_cast<Poco::Int64>(std::llround(static_cast<double>(previous) * (1.0 + step(_random))));
    quote.priceCents = std::max<Poco::Int64>(1, moved);

    Tick tick;
    tick.symbol = quote.listing.symbol;
    tick.priceCents = quote.priceCents;
    tick.changeCents = quote.priceCents - previous;
    tick.changePercent =
        roundTo2Decimals(100.0 * static_cast<double>(tick.changeCents) / static_cast<double>(previous));
    tick.openCents = quote.listing.openCents;
    const double fromOpen =
        100.0 * static_cast<double>(quote.priceCents - tick.openCents) / static_cast<double>(tick.openCents);
    tick.percentFromOpen = roundTo2Decimals(fromOpen);
    const bool beyond = std::fabs(fromOpen) > _alertPercent;
    tick.alert = beyond && !quote.alerted;
    quote.alerted = beyond;
    return tick;
}

std::vector<StockMarket::Listing> StockMarket::parseListings(const std::string& text)
{
    std::vector<Listing> listings;
    Poco::StringTokenizer entries(text, ",",
                                  Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& entry : entries)
    {
        const std::size_t colon = entry.find(':');
        const std::string symbol = Poco::trim(entry.substr(0, colon));
        double price = 0;
        const bool priced = colon != std::string::npos &&
                            Poco::NumberParser::tryParseFloat(Poco::trim(entry.substr(colon + 1)), price);
        if (!isSymbol(symbol) || !priced || !(price >= MIN_PRICE && price <= MAX_PRICE))
            throw Poco::InvalidArgumentException(
                "symbols: '" + entry +
                "' must be SYMBOL:PRICE with a symbol of 1 to 12 of A-Z 0-9 . - "
                "and a price from 0.01 to 1000000000");
        const auto cents = static_cast<Poco::Int64>(std::llround(price * 100.0));
        if (std::any_of(listings.begin(), listings.end(),
                        [&symbol](const Listing& listing) { return listing.symbol == symbol; }))
            throw Poco::InvalidArgumentException("symbols: " + symbol + " is listed twice");
        listings.push_back(Listing{symbol, cents});
    }
    if (listings.empty())
        throw Poco::InvalidArgumentException("symbols: at least one symbol is needed");
    return listings;
}

} // namespace feedhub::stock
