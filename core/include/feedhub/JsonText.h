//
// JsonText.h
//
// Definition of the JsonText class.
//

#ifndef feedhub_JsonText_INCLUDED
#define feedhub_JsonText_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "feedhub/Export.h"
#include <string>

namespace feedhub
{

class FEEDHUB_API JsonText
    /// JSON on one line, as event data wants it (a line break would split
    /// the SSE "data:" field).
{
public:
    static std::string format(const Poco::Dynamic::Var& value);
};

} // namespace feedhub

#endif // feedhub_JsonText_INCLUDED
