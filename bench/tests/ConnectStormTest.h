#pragma once

#include "ShardedRunTest.h"

void testConnectOutcomes(const CheckFunction& check);
    /// The classification of a response head or a close, the tally and its merge.

void testConnectStorm(const CheckFunction& check);
    /// A connect storm (--connect-storm) against scripted in-process
    /// listeners that serve, refuse, drop or ignore each connection in turn,
    /// or refuse the TCP connect: every connection must be counted once,
    /// under what happened to it.
