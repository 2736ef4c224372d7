//
// KeepingLoaded.h
//
// Definition of the KeepingLoaded class template.
//

#ifndef feedhub_KeepingLoaded_INCLUDED
#define feedhub_KeepingLoaded_INCLUDED

#include <memory>
#include <utility>

namespace feedhub
{

template <class Callable> class KeepingLoaded
    /// A callable whose code lives in a feed plugin, bound to a reference
    /// that keeps the plugin loaded for as long as the callable exists.
    ///
    /// The callable is destroyed before the reference is dropped (members go
    /// in reverse order), so the last copy never runs code that was unloaded.
{
public:
    KeepingLoaded(std::shared_ptr<void> plugin, Callable callable)
        : _plugin(std::move(plugin)), _callable(std::move(callable))
    {
    }

    const std::shared_ptr<void>& plugin() const { return _plugin; }

    template <class... Args> auto operator()(Args&&... args) const
    {
        return _callable(std::forward<Args>(args)...);
    }

private:
    std::shared_ptr<void> _plugin;
    Callable _callable;
};

} // namespace feedhub

#endif // feedhub_KeepingLoaded_INCLUDED
