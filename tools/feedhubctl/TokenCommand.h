//
// TokenCommand.h
//
// Definition of the TokenCommand class.
//

#ifndef feedhub_TokenCommand_INCLUDED
#define feedhub_TokenCommand_INCLUDED

#include "CtlCommand.h"

namespace feedhub
{

class TokenCommand : public CtlCommand
    /// feedhubctl token --publish PATTERNS --subscribe PATTERNS --ttl SECONDS
    /// [--sub NAME] [--config FILE] [--private-key FILE]: prints a token
    /// signed with hub.ini's [auth] secret (HS256) or the given private key
    /// (RS256, ES256).
{
public:
    std::string name() const override { return "token"; }
    std::string usage() const override;
    int run(const std::vector<std::string>& arguments, std::ostream& out) override;
};

} // namespace feedhub

#endif // feedhub_TokenCommand_INCLUDED
