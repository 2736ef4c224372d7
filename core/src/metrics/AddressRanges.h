//
// AddressRanges.h
//
// Definition of the AddressRanges class.
//

#ifndef feedhub_AddressRanges_INCLUDED
#define feedhub_AddressRanges_INCLUDED

#include "Poco/Net/IPAddress.h"
#include <string>
#include <vector>

namespace feedhub
{

class AddressRanges
    /// A list of IPv4 and IPv6 ranges in CIDR notation ("127.0.0.0/8, ::1"):
    /// who may read /metrics ([metrics] allow). An address without a prefix
    /// is that one address.
{
public:
    static AddressRanges parse(const std::string& list, const std::string& key);
        /// Reads a comma-separated list. Throws Poco::InvalidArgumentException
        /// starting with key for an item that is not an address with an
        /// optional /prefix within the address's length.

    bool contains(const Poco::Net::IPAddress& address) const;
        /// An IPv4 client seen through an IPv6 socket (::ffff:127.0.0.1)
        /// counts as its IPv4 address.

    bool empty() const { return _ranges.empty(); }

private:
    struct Range
    {
        Poco::Net::IPAddress network;
        unsigned prefix;
    };

    static bool within(const Poco::Net::IPAddress& address, const Range& range);

    std::vector<Range> _ranges;
};

} // namespace feedhub

#endif // feedhub_AddressRanges_INCLUDED
