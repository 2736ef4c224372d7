//
// HeldWakeups.h
//
// Definition of the HeldWakeups class.
//

#ifndef feedhub_HeldWakeups_INCLUDED
#define feedhub_HeldWakeups_INCLUDED

namespace feedhub
{

class HeldWakeups
    /// Wake-ups of other threads that an event loop's thread causes while it
    /// serves one round of ready sockets, sent together when the round ends.
    ///
    /// A loop that answers 30 publishes in a round hands the history journal
    /// one group of 30 events and wakes it once, instead of waking it (and
    /// switching threads, on a busy core) for each publish as it is read.
    /// Threads that work in no rounds (workers, feeds) wake at once.
{
public:
    class Target
        /// What can be woken: a thread waiting for work.
    {
    public:
        virtual void wakeNow() = 0;

    protected:
        ~Target() = default;
    };

    static void wake(Target& target);
        /// Wakes target now, or, on a thread inside a round, when the round
        /// ends (once, however often it was asked).

    static void beginRounds();
        /// Makes the calling thread hold wake-ups until endRound: an event
        /// loop calls it when its thread starts.

    static void endRound();
        /// Sends the calling thread's held wake-ups, before the loop waits
        /// for its next round. A target must outlive the round it was held in.
};

} // namespace feedhub

#endif // feedhub_HeldWakeups_INCLUDED
