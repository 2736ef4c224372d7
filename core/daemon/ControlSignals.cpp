//
// ControlSignals.cpp
//

#include "ControlSignals.h"
#include "Poco/Exception.h"
#include <csignal>
#include <pthread.h>

namespace feedhub
{

namespace
{

sigset_t controlSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGQUIT);
    return set;
}

} // namespace

void ControlSignals::block()
{
    const sigset_t set = controlSignals();
    const int error = pthread_sigmask(SIG_BLOCK, &set, nullptr);
    if (error != 0)
        throw Poco::SystemException("cannot block the control signals", error);
}

int ControlSignals::wait()
{
    const sigset_t set = controlSignals();
    int signal = 0;
    const int error = sigwait(&set, &signal);
    if (error != 0)
        throw Poco::SystemException("sigwait failed", error);
    return signal;
}

bool ControlSignals::isReload(int signal)
{
    return signal == SIGHUP;
}

} // namespace feedhub
