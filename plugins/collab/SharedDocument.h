//
// SharedDocument.h
//
// Definition of the SharedDocument class.
//

#ifndef feedhub_collab_SharedDocument_INCLUDED
#define feedhub_collab_SharedDocument_INCLUDED

#include "Poco/Types.h"
#include "TextOperation.h"
#include <deque>
#include <string>

namespace feedhub::collab
{

class SharedDocument
    /// A text that many clients change at once: each change is made to the
    /// version its client last saw (its base) and is transformed here against
    /// every change applied since, so that all of them apply and all clients
    /// that apply the published changes in version order end with this text.
    /// Keeps the last changes it applied to transform late ones against; a
    /// change based on a version older than those is stale. Not thread-safe.
{
public:
    SharedDocument(std::u32string text, Poco::Int64 version, std::size_t keptChanges,
                   std::deque<TextOperation> changes = {});
        /// A document at version holding text, that keeps up to keptChanges
        /// changes (at least 1): changes are the last ones that made it, the
        /// newest last (the oldest are dropped past keptChanges). Throws
        /// Poco::InvalidArgumentException if they do not lead to text.

    const std::u32string& text() const { return _text; }
    Poco::Int64 version() const { return _version; }

    Poco::Int64 oldestBase() const;
        /// The oldest version a change may still be based on.

    std::size_t lengthAt(Poco::Int64 base) const;
        /// The text's length at version base, which must be from oldestBase()
        /// to version(): clients' edits count positions in it.

    TextOperation rebase(Poco::Int64 base, TextOperation change) const;
        /// change, made to version base, transformed to apply to the text as
        /// it is now. Throws Poco::InvalidArgumentException if base is ahead
        /// of version() or the change is not for the text at base.

    void apply(const TextOperation& change);
        /// Applies a change rebased to the current text, making the next
        /// version (a change that changes nothing makes one too, so versions
        /// count the changes acknowledged).

private:
    std::u32string _text;
    Poco::Int64 _version;
    std::size_t _keptChanges;
    std::deque<TextOperation> _changes; /// _changes[i] made version oldestBase() + i + 1
};

} // namespace feedhub::collab

#endif // feedhub_collab_SharedDocument_INCLUDED
