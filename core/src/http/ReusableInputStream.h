//
// ReusableInputStream.h
//
// Definition of the ReusableInputStream class.
//

#ifndef feedhub_ReusableInputStream_INCLUDED
#define feedhub_ReusableInputStream_INCLUDED

#include <istream>
#include <streambuf>

namespace feedhub
{

class ReusableInputStreamBuf : public std::streambuf
    /// Reads a range of chars it does not own; can be pointed at another.
{
public:
    void point(const char* data, std::size_t length);
};

class ReusableInputStream : private ReusableInputStreamBuf, public std::istream
    /// An istream over a range of chars that can be pointed at another
    /// range, for Poco readers that take an istream (HTTPRequest::read).
    ///
    /// Poco::MemoryInputStream reads one range for its lifetime, and
    /// constructing a stream (its locale above all) cost a fifth of reading
    /// a request head with it.
{
public:
    ReusableInputStream();

    void point(const char* data, std::size_t length);
        /// Reads data[0, length) from now on, with the stream's state cleared.
        /// The range must outlive the reading.
};

} // namespace feedhub

#endif // feedhub_ReusableInputStream_INCLUDED
