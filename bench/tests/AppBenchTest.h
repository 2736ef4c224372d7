#pragma once

#include "ShardedRunTest.h"

void testAppBench(const CheckFunction& check);
    /// The pieces of bench/apps against in-process HTTP servers: chat joins
    /// spread over two nodes, chat-message publishes on both, and the editor
    /// run's arrival bookkeeping.
