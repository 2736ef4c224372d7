//
// CodePoints.cpp
//

#include "CodePoints.h"
#include "Poco/Exception.h"
#include "Poco/TextIterator.h"
#include "Poco/UTF8Encoding.h"
#include "Poco/UnicodeConverter.h"

namespace feedhub::collab
{

std::u32string CodePoints::fromUtf8(const std::string& text)
{
    Poco::UTF8Encoding utf8;
    std::u32string result;
    result.reserve(text.size());
    for (Poco::TextIterator it(text, utf8), end(text); it != end; ++it)
    {
        const int character = *it;
        if (character < 0 || (character >= 0xD800 && character <= 0xDFFF))
            throw Poco::InvalidArgumentException("the text is not valid UTF-8");
        result.push_back(static_cast<char32_t>(character));
    }
    return result;
}

std::string CodePoints::toUtf8(const std::u32string& text)
{
    std::string result;
    Poco::UnicodeConverter::convert(reinterpret_cast<const Poco::UTF32Char*>(text.data()), text.size(),
                                    result);
    return result;
}

} // namespace feedhub::collab
