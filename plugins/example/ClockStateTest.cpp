//
// ClockStateTest.cpp
//
// The example's unit test: the feed's logic tested without the hub, with
// nothing but the standard library. "ctest --test-dir build" runs it.
//

#include "ClockState.h"
#include "Poco/DateTime.h"
#include <iostream>
#include <string>

namespace
{

int failures = 0;

void expectEqual(const std::string& expected, const std::string& actual, const char* what)
{
    if (expected == actual)
        return;
    std::cerr << "FAIL: " << what << ": expected " << expected << ", got " << actual << "\n";
    ++failures;
}

} // namespace

int main()
{
    example::ClockState state;
    expectEqual("{\"count\":0,\"time\":null}", state.last(), "before the first tick");
    const Poco::Timestamp noon = Poco::DateTime(2024, 5, 1, 12, 0, 0, 123).timestamp();
    expectEqual("{\"count\":1,\"time\":\"2024-05-01T12:00:00.123Z\"}", state.tick(noon), "the first tick");
    state.tick(noon);
    expectEqual("{\"count\":2,\"time\":\"2024-05-01T12:00:00.123Z\"}", state.last(), "the last tick");
    if (failures == 0)
        std::cout << "ClockState: all passed\n";
    return failures == 0 ? 0 : 1;
}
