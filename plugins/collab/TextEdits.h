//
// TextEdits.h
//
// Definition of the TextEdits class.
//

#ifndef feedhub_collab_TextEdits_INCLUDED
#define feedhub_collab_TextEdits_INCLUDED

#include "Poco/JSON/Array.h"
#include "TextOperation.h"

namespace feedhub::collab
{

class TextEdits
    /// The JSON form of a change clients send and receive: a list of edits
    /// {"at":N,"insert":"..."} and {"at":N,"delete":COUNT}, applied in order,
    /// each at a code point position of the text as the edits before it left
    /// it.
{
public:
    static TextOperation parse(const Poco::Dynamic::Var& edits, std::size_t length, std::size_t maxEdits);
        /// The change the edits make to a text of length code points. Throws
        /// Poco::InvalidArgumentException naming the first edit that is not
        /// one, or that does not fit the text as it is then.

    static Poco::JSON::Array::Ptr format(const TextOperation& operation);
        /// The change as edits (none for a change that changes nothing).
};

} // namespace feedhub::collab

#endif // feedhub_collab_TextEdits_INCLUDED
