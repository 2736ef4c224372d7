//
// PublicationJsonHandler.h
//
// Definition of the PublicationJsonHandler class.
//

#ifndef feedhub_PublicationJsonHandler_INCLUDED
#define feedhub_PublicationJsonHandler_INCLUDED

#include "Poco/JSON/Handler.h"
#include "Poco/JSON/ParseHandler.h"
#include "feedhub/Publication.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

class PublicationJsonHandler : public Poco::JSON::Handler
    /// Reads a JSON publish body into Publications as Poco's parser walks it:
    /// one object {"topic","type","data"} or an array of 1 to 1000 of them.
    ///
    /// Building Poco's JSON objects first and reading them back was a third
    /// of the cost of a publish; here only a structured "data" value is built
    /// as Poco::JSON objects, and written back as text with Poco's Stringifier,
    /// as before. Members other than topic, type and data are ignored; of a
    /// member given twice the last counts, as in a Poco::JSON::Object.
{
public:
    static constexpr std::size_t MAX_BATCH = 1000;

    PublicationJsonHandler();

    std::vector<Publication> publications() const;
        /// What the parsed body publishes. Throws HttpError 400 saying what
        /// is wrong: the first wrong event of a batch (by Bus::batchItem), or
        /// the batch's size.

    void reset() override;
    void startObject() override;
    void endObject() override;
    void startArray() override;
    void endArray() override;
    void key(const std::string& name) override;
    void null() override;
    void value(int number) override;
    void value(unsigned number) override;
    void value(Poco::Int64 number) override;
    void value(Poco::UInt64 number) override;
    void value(const std::string& text) override;
    void value(double number) override;
    void value(bool flag) override;

private:
    enum class Field
    {
        MISSING,
        TEXT,
        NOT_TEXT
    };

    template <typename Scalar> void scalar(Scalar value);
    void startContainer(bool object);
    void endContainer(bool object);
    bool takesMemberValue();
        /// Whether a scalar just read is the value of an event's member;
        /// refuses a scalar batch element.
    void memberNotText(const Poco::Dynamic::Var& value);
        /// The member's value is not a string (empty: null).
    std::size_t eventDepth() const;
    void startEvent();
    void endEvent();
    void refuseEvent(const std::string& message);

    bool _batch = false;
    std::size_t _depth = 0;
    std::size_t _elements = 0;
    std::optional<std::string> _error;
    std::vector<Publication> _publications;

    // The event being read and what its topic and type members held.
    Publication _event;
    Field _topic = Field::MISSING;
    Field _type = Field::MISSING;
    std::string _member;

    // A container under "data" is built by Poco's ParseHandler; any other
    // (under another member, or a batch element that is not an object) is
    // only walked past. _nestedFrom is the depth it opened at, 0 if none.
    std::unique_ptr<Poco::JSON::ParseHandler> _data;
    std::size_t _nestedFrom = 0;
};

} // namespace feedhub

#endif // feedhub_PublicationJsonHandler_INCLUDED
