//
// ConnectionReply.h
//
// Definition of the HttpConnection::ConnectionReply class.
//

#ifndef feedhub_ConnectionReply_INCLUDED
#define feedhub_ConnectionReply_INCLUDED

#include "http/HttpConnection.h"
#include "loop/EventLoop.h"
#include <atomic>
#include <memory>

namespace feedhub
{

class HttpConnection::ConnectionReply : public Reply
    /// The reply to one request on a connection. An answer from another
    /// thread is posted to the connection's loop; one that arrives after the
    /// connection has closed is dropped.
{
public:
    explicit ConnectionReply(HttpConnection& connection)
        : _loop(connection.loop()), _connection(&connection), _anchor(connection._anchor)
    {
    }

    ~ConnectionReply() override
    {
        if (!_answered.exchange(true))
            deliver([](HttpConnection& connection) {
                connection.answer(HttpResponse::error(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                                                      "internal error: the route gave no answer"));
            });
    }

    void send(HttpResponse response) override
    {
        if (_answered.exchange(true))
            return;
        deliver([response = std::move(response)](HttpConnection& connection) mutable {
            connection.answer(std::move(response));
        });
    }

    void park(std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout) override
    {
        if (_answered.exchange(true))
            return;
        // std::function wants a copyable callable, so the waiter travels as a shared_ptr.
        auto parcel = std::make_shared<std::unique_ptr<LongPollWaiter>>(std::move(waiter));
        deliver(
            [parcel, timeout](HttpConnection& connection) { connection.park(std::move(*parcel), timeout); });
    }

    std::shared_ptr<const HttpRequest> request() const
    {
        if (!_loop.inLoopThread() || _anchor.expired() || _connection->closed())
            return nullptr;
        return _connection->_request;
    }

    HttpConnection* connection()
    {
        if (!_loop.inLoopThread() || _anchor.expired() || _connection->closed())
            return nullptr;
        _answered = true;
        return _connection;
    }

private:
    template <typename Action> void deliver(Action action)
    {
        if (_loop.inLoopThread())
        {
            if (!_anchor.expired() && !_connection->closed())
                action(*_connection);
            return;
        }
        _loop.post([anchor = _anchor, connection = _connection, action]() mutable {
            if (!anchor.expired() && !connection->closed())
                action(*connection);
        });
    }

    EventLoop& _loop;
    HttpConnection* _connection;
    std::weak_ptr<char> _anchor;
    std::atomic<bool> _answered{false};
};

} // namespace feedhub

#endif // feedhub_ConnectionReply_INCLUDED
