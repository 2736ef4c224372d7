//
// CodePoints.h
//
// Definition of the CodePoints class.
//

#ifndef feedhub_collab_CodePoints_INCLUDED
#define feedhub_collab_CodePoints_INCLUDED

#include <string>

namespace feedhub::collab
{

class CodePoints
    /// Text as Unicode code points, the unit edit positions count in, and
    /// back to UTF-8.
{
public:
    static std::u32string fromUtf8(const std::string& text);
        /// Throws Poco::InvalidArgumentException if text is not valid UTF-8
        /// (a surrogate included).

    static std::string toUtf8(const std::u32string& text);
};

} // namespace feedhub::collab

#endif // feedhub_collab_CodePoints_INCLUDED
