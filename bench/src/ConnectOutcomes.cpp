#include "ConnectOutcomes.h"

#include <algorithm>
#include <cctype>

namespace feedhub::bench
{

namespace
{

bool isWebSocket(std::string_view upgrade)
{
    const std::string_view name = "websocket";
    return upgrade.size() == name.size() &&
           std::equal(upgrade.begin(), upgrade.end(), name.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

} // namespace

ConnectOutcome ConnectOutcomes::classifyHead(const HttpResponseHead& head)
{
    const bool stream =
        (head.status == 200 && head.header("content-type").find("text/event-stream") != std::string_view::npos) ||
        (head.status == 101 && isWebSocket(head.header("upgrade")));
    return stream ? ConnectOutcome::Served : ConnectOutcome::RefusedWithStatus;
}

ConnectOutcome ConnectOutcomes::classifyClose(bool handshakeCompleted)
{
    return handshakeCompleted ? ConnectOutcome::ClosedWithoutResponse : ConnectOutcome::ConnectFailed;
}

void ConnectOutcomes::enroll()
{
    ++_counts[static_cast<size_t>(ConnectOutcome::Pending)];
}

void ConnectOutcomes::noteAttempt(int64_t monotonicMicros)
{
    if (_firstAttemptMicros == 0)
        _firstAttemptMicros = monotonicMicros;
    _lastAttemptMicros = std::max(_lastAttemptMicros, monotonicMicros);
}

void ConnectOutcomes::settle(ConnectOutcome outcome, int status, int64_t monotonicMicros)
{
    --_counts[static_cast<size_t>(ConnectOutcome::Pending)];
    ++_counts[static_cast<size_t>(outcome)];
    if (outcome == ConnectOutcome::RefusedWithStatus)
        ++_refusedStatuses[status];
    if (outcome == ConnectOutcome::Served)
        _lastServedMicros = std::max(_lastServedMicros, monotonicMicros);
}

void ConnectOutcomes::noteUnansweredWithoutHandshake()
{
    ++_pendingWithoutHandshake;
}

void ConnectOutcomes::merge(const ConnectOutcomes& other)
{
    for (size_t i = 0; i < _counts.size(); ++i)
        _counts[i] += other._counts[i];
    _pendingWithoutHandshake += other._pendingWithoutHandshake;
    for (const auto& [status, count] : other._refusedStatuses)
        _refusedStatuses[status] += count;
    if (other._firstAttemptMicros != 0 &&
        (_firstAttemptMicros == 0 || other._firstAttemptMicros < _firstAttemptMicros))
    {
        _firstAttemptMicros = other._firstAttemptMicros;
    }
    _lastAttemptMicros = std::max(_lastAttemptMicros, other._lastAttemptMicros);
    _lastServedMicros = std::max(_lastServedMicros, other._lastServedMicros);
}

} // namespace feedhub::bench
