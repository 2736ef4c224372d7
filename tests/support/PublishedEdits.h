//
// PublishedEdits.h
//
// Definition of the PublishedEdits class.
//

#ifndef feedhub_PublishedEdits_INCLUDED
#define feedhub_PublishedEdits_INCLUDED

#include "Poco/JSON/Array.h"
#include <string>

class PublishedEdits
    /// What the collab tests do with the edits of a doc.<name> change event.
{
public:
    static std::string apply(std::string text, const Poco::JSON::Array::Ptr& ops);
        /// An ASCII text with ops ({"at","insert"} or {"at","delete"}, in
        /// order) applied, as a client applies a published change.
};

#endif // feedhub_PublishedEdits_INCLUDED
