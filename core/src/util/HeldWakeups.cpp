//
// HeldWakeups.cpp
//

#include "util/HeldWakeups.h"
#include <algorithm>
#include <vector>

namespace feedhub
{

namespace
{

struct RoundState
{
    bool holding = false;
    std::vector<HeldWakeups::Target*> held;
};

thread_local RoundState round;

} // namespace

void HeldWakeups::wake(Target& target)
{
    if (!round.holding)
    {
        target.wakeNow();
        return;
    }
    // A round holds one or two targets (the journal), so a scan beats a set.
    if (std::find(round.held.begin(), round.held.end(), &target) == round.held.end())
        round.held.push_back(&target);
}

void HeldWakeups::beginRounds()
{
    round.holding = true;
}

void HeldWakeups::endRound()
{
    for (Target* target : round.held)
        target->wakeNow();
    round.held.clear();
}

} // namespace feedhub
