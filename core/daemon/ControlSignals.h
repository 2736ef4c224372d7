//
// ControlSignals.h
//
// Definition of the ControlSignals class.
//

#ifndef feedhub_ControlSignals_INCLUDED
#define feedhub_ControlSignals_INCLUDED

namespace feedhub
{

class ControlSignals
/// The signals that control the daemon, taken one at a time by the main
/// thread: SIGHUP (reload hub.ini) and SIGINT, SIGTERM, SIGQUIT (stop).
///
/// Poco's ServerApplication only waits for the stop signals, and SIGHUP's
/// default action ends the process. A thread inherits its creator's signal
/// mask, so blocking the four before any thread starts leaves no thread
/// where the kernel could run a default action; sigwait() in the main
/// thread then receives each of them.
{
public:
    static void block();
    /// Blocks the control signals in the calling thread and so in every
    /// thread it starts afterwards.

    static int wait();
    /// Waits until a control signal is pending and returns its number.
    /// Call from the thread that called block().

    static bool isReload(int signal);
    /// True for SIGHUP; the others ask the daemon to stop.
};

} // namespace feedhub

#endif // feedhub_ControlSignals_INCLUDED
