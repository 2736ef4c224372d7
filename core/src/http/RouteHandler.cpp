//
// RouteHandler.cpp
//

#include "feedhub/RouteHandler.h"
#include "Poco/StringTokenizer.h"
#include <algorithm>

namespace feedhub
{

RouteHandler::RouteHandler(const std::string& methods) : _methodList(methods)
{
    Poco::StringTokenizer tokens(methods, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    _methods.assign(tokens.begin(), tokens.end());
}

RouteHandler::~RouteHandler() = default;

bool RouteHandler::allows(const std::string& method) const
{
    return std::find(_methods.begin(), _methods.end(), method) != _methods.end();
}

} // namespace feedhub
