//
// TokenClaims.h
//
// Definition of the TokenClaims struct.
//

#ifndef feedhub_TokenClaims_INCLUDED
#define feedhub_TokenClaims_INCLUDED

#include "Poco/Timestamp.h"
#include "auth/TopicPatterns.h"
#include <string>

namespace feedhub
{

struct TokenClaims
    /// What a verified token allows: {"feedhub": {"publish": [...], "subscribe": [...]}}.
{
    TopicPatterns publish;
    TopicPatterns subscribe;
    std::string subject;
    Poco::Timestamp validUntil;
        /// exp plus the clock leeway: when the hub stops taking the token.
};

} // namespace feedhub

#endif // feedhub_TokenClaims_INCLUDED
