//
// TextOperation.h
//
// Definition of the TextOperation class.
//

#ifndef feedhub_collab_TextOperation_INCLUDED
#define feedhub_collab_TextOperation_INCLUDED

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace feedhub::collab
{

class TextOperation
    /// One change to a plain text, counted in Unicode code points: a walk over
    /// the whole text that retains, inserts and deletes, so that changes made
    /// concurrently to one version can be transformed against each other and
    /// composed (operational transformation as in ot.js and Google Wave).
    ///
    /// Parts are kept normalized (neighbours of one kind merged, an insert
    /// before a delete at the same place), so equal changes compare equal.
{
public:
    enum class Kind
    {
        RETAIN,
        INSERT,
        DELETE
    };

    struct Part
    {
        Kind kind;
        std::size_t count;   /// code points retained, inserted or deleted
        std::u32string text; /// what an INSERT inserts
        bool operator==(const Part& other) const;
    };

    TextOperation& retain(std::size_t count);
    TextOperation& insert(const std::u32string& text);
    TextOperation& remove(std::size_t count);

    std::size_t baseLength() const { return _baseLength; }
    /// The length of the text this change applies to.

    std::size_t targetLength() const { return _targetLength; }
    /// The length of the text it makes.

    const std::vector<Part>& parts() const { return _parts; }

    bool isNoop() const;
        /// Whether the change leaves every text as it is.

    std::u32string apply(const std::u32string& text) const;
        /// The text changed. Throws Poco::InvalidArgumentException if text's
        /// length is not baseLength().

    static TextOperation insertion(std::size_t length, std::size_t at, const std::u32string& text);
        /// Inserting text at position at of a text of length. Throws
        /// Poco::InvalidArgumentException if at is past the end.

    static TextOperation deletion(std::size_t length, std::size_t at, std::size_t count);
        /// Deleting count code points from position at of a text of length.
        /// Throws Poco::InvalidArgumentException if they are not all in it.

    static TextOperation compose(const TextOperation& first, const TextOperation& second);
        /// One change doing first, then second. Throws
        /// Poco::InvalidArgumentException unless second applies to what
        /// first makes.

    static std::pair<TextOperation, TextOperation> transform(const TextOperation& earlier,
                                                             const TextOperation& later);
        /// For two changes to one text, (earlier', later') such that earlier
        /// then later' makes the same text as later then earlier'. Where both
        /// insert at one position, earlier's text comes first: the hub passes
        /// the change it applied first as earlier, and so must every client,
        /// so that all replicas break the tie alike. Throws
        /// Poco::InvalidArgumentException unless both have one base length.

    bool operator==(const TextOperation& other) const;

private:
    std::vector<Part> _parts;
    std::size_t _baseLength = 0;
    std::size_t _targetLength = 0;
};

} // namespace feedhub::collab

#endif // feedhub_collab_TextOperation_INCLUDED
