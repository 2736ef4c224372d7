//
// AddressRanges.cpp
//

#include "metrics/AddressRanges.h"
#include "Poco/Exception.h"
#include "Poco/NumberParser.h"
#include "Poco/StringTokenizer.h"
#include <cstring>

namespace feedhub
{

using Poco::Net::IPAddress;

namespace
{

IPAddress unmapped(const IPAddress& address)
{
    if (address.family() != IPAddress::IPv6 || !address.isIPv4Mapped())
        return address;
    // The IPv4 address is the last four of the sixteen bytes.
    return IPAddress(static_cast<const char*>(address.addr()) + 12, 4);
}

} // namespace

AddressRanges AddressRanges::parse(const std::string& list, const std::string& key)
{
    AddressRanges ranges;
    Poco::StringTokenizer items(list, ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& item : items)
    {
        const std::string wrong =
            key + ": '" + item + "' is not an address or a range such as 10.0.0.0/8 or fd00::/8";
        const std::size_t slash = item.find('/');
        IPAddress address;
        if (!IPAddress::tryParse(item.substr(0, slash), address))
            throw Poco::InvalidArgumentException(wrong);
        const unsigned bits = address.family() == IPAddress::IPv4 ? 32 : 128;
        unsigned prefix = bits;
        if (slash != std::string::npos &&
            (item.find_first_not_of("0123456789", slash + 1) != std::string::npos ||
             !Poco::NumberParser::tryParseUnsigned(item.substr(slash + 1), prefix) || prefix > bits))
            throw Poco::InvalidArgumentException(wrong);
        // Clients are compared unmapped: so is a range of mapped addresses.
        constexpr unsigned MAPPED_PREFIX = 96;
        if (address.family() == IPAddress::IPv6 && address.isIPv4Mapped() && prefix >= MAPPED_PREFIX)
        {
            address = unmapped(address);
            prefix -= MAPPED_PREFIX;
        }
        ranges._ranges.push_back(Range{address, prefix});
    }
    return ranges;
}

bool AddressRanges::contains(const IPAddress& address) const
{
    const IPAddress client = unmapped(address);
    for (const Range& range : _ranges)
    {
        if (within(client, range))
            return true;
    }
    return false;
}

bool AddressRanges::within(const IPAddress& address, const Range& range)
{
    // Bytes compared, not IPAddress's operator&, which throws for an IPv6
    // address whose scope (a link-local client's interface) differs.
    if (address.family() != range.network.family())
        return false;
    const auto* bytes = static_cast<const unsigned char*>(address.addr());
    const auto* network = static_cast<const unsigned char*>(range.network.addr());
    const unsigned whole = range.prefix / 8;
    if (std::memcmp(bytes, network, whole) != 0)
        return false;
    const unsigned rest = range.prefix % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (bytes[whole] & mask) == (network[whole] & mask);
}

} // namespace feedhub
