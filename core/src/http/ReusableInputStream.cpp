//
// ReusableInputStream.cpp
//

#include "http/ReusableInputStream.h"

namespace feedhub
{

void ReusableInputStreamBuf::point(const char* data, std::size_t length)
{
    // The get area is read only; streambuf's interface just takes char*.
    char* begin = const_cast<char*>(data);
    setg(begin, begin, begin + length);
}

ReusableInputStream::ReusableInputStream() : std::istream(static_cast<ReusableInputStreamBuf*>(this)) {}

void ReusableInputStream::point(const char* data, std::size_t length)
{
    ReusableInputStreamBuf::point(data, length);
    clear();
}

} // namespace feedhub
