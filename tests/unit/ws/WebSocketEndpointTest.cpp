//
// WebSocketEndpointTest.cpp
//

#include "ws/WebSocketEndpoint.h"
#include "ws/WebSocketHandshake.h"
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <wslay/wslay.h>

using feedhub::WebSocketEndpoint;

namespace
{

struct Frame
{
    std::uint8_t opcode;
    std::string payload;
};

struct FrameCodec
    /// A client's frames, written and read with wslay's frame layer.
{
    wslay_frame_context_ptr context = nullptr;
    std::string output;
    std::string input;
    std::size_t inputAt = 0;

    FrameCodec()
    {
        static const wslay_frame_callbacks callbacks{
            [](const uint8_t* data, size_t length, int, void* self) {
                static_cast<FrameCodec*>(self)->output.append(reinterpret_cast<const char*>(data), length);
                return static_cast<ssize_t>(length);
            },
            [](uint8_t* buffer, size_t length, int, void* self) -> ssize_t {
                FrameCodec& me = *static_cast<FrameCodec*>(self);
                const std::size_t taken = std::min(length, me.input.size() - me.inputAt);
                if (taken == 0)
                    return -1;
                std::memcpy(buffer, me.input.data() + me.inputAt, taken);
                me.inputAt += taken;
                return static_cast<ssize_t>(taken);
            },
            [](uint8_t* buffer, size_t length, void*) {
                std::memset(buffer, 0x5a, length);
                return 0;
            }};
        wslay_frame_context_init(&context, &callbacks, this);
    }
    ~FrameCodec() { wslay_frame_context_free(context); }

    std::string encode(std::uint8_t opcode, const std::string& payload, bool fin = true, bool mask = true)
    {
        output.clear();
        wslay_frame_iocb iocb{};
        iocb.fin = fin ? 1 : 0;
        iocb.opcode = opcode;
        iocb.mask = mask ? 1 : 0;
        iocb.payload_length = payload.size();
        iocb.data = reinterpret_cast<const uint8_t*>(payload.data());
        iocb.data_length = payload.size();
        wslay_frame_send(context, &iocb);
        return output;
    }

    std::vector<Frame> decode(const std::string& bytes)
    {
        input = bytes;
        inputAt = 0;
        std::vector<Frame> frames;
        Frame current{0, std::string()};
        for (;;)
        {
            wslay_frame_iocb iocb{};
            const ssize_t got = wslay_frame_recv(context, &iocb);
            if (got < 0)
                break;
            current.opcode = iocb.opcode;
            current.payload.append(reinterpret_cast<const char*>(iocb.data), iocb.data_length);
            if (current.payload.size() == iocb.payload_length)
            {
                frames.push_back(current);
                current.payload.clear();
            }
        }
        return frames;
    }
};

class Recorder : public WebSocketEndpoint::Listener
{
public:
    std::vector<std::string> messages;
    int pongs = 0;
    std::string sent;

    void messageReceived(const std::string& text) override { messages.push_back(text); }
    void pongReceived() override { ++pongs; }
    void sendFrames(std::string bytes) override { sent += bytes; }
};

int closeCode(const Frame& frame)
{
    CPPUNIT_ASSERT_EQUAL(std::uint8_t(WSLAY_CONNECTION_CLOSE), frame.opcode);
    CPPUNIT_ASSERT(frame.payload.size() >= 2);
    return (static_cast<unsigned char>(frame.payload[0]) << 8) | static_cast<unsigned char>(frame.payload[1]);
}

} // namespace

class WebSocketEndpointTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WebSocketEndpointTest);
    CPPUNIT_TEST(testTextMessage);
    CPPUNIT_TEST(testByteByByte);
    CPPUNIT_TEST(testFragmentsWithAPingBetween);
    CPPUNIT_TEST(testPong);
    CPPUNIT_TEST(testUnmaskedFrameIsAProtocolError);
    CPPUNIT_TEST(testReservedBitsAreAProtocolError);
    CPPUNIT_TEST(testInvalidUtf8);
    CPPUNIT_TEST(testTooBig);
    CPPUNIT_TEST(testBinaryIsRefused);
    CPPUNIT_TEST(testClientClose);
    CPPUNIT_TEST(testServerClose);
    CPPUNIT_TEST(testAcceptKey);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTextMessage()
    {
        Recorder recorder;
        WebSocketEndpoint endpoint(recorder, 1000);
        FrameCodec codec;
        const std::string bytes =
            codec.encode(WSLAY_TEXT_FRAME, "{\"op\":\"x\"}") + codec.encode(WSLAY_TEXT_FRAME, "two");
        endpoint.receive(bytes.data(), bytes.size());
        CPPUNIT_ASSERT(recorder.messages == std::vector<std::string>({"{\"op\":\"x\"}", "two"}));
        CPPUNIT_ASSERT(!endpoint.closing());
        CPPUNIT_ASSERT_MESSAGE("an idle endpoint holds no wslay context", !endpoint.holdsContext());
    }

    void testByteByByte()
    {
        Recorder recorder;
        WebSocketEndpoint endpoint(recorder, 100000);
        FrameCodec codec;
        const std::string bytes = codec.encode(WSLAY_TEXT_FRAME, std::string(300, 'a'));
        for (std::size_t i = 0; i < bytes.size(); ++i)
        {
            endpoint.receive(bytes.data() + i, 1);
            if (i + 1 < bytes.size())
                CPPUNIT_ASSERT(endpoint.holdsContext());
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), recorder.messages.size());
        CPPUNIT_ASSERT_EQUAL(std::string(300, 'a'), recorder.messages[0]);
        CPPUNIT_ASSERT(!endpoint.holdsContext());
    }

    void testFragmentsWithAPingBetween()
    {
        Recorder recorder;
        WebSocketEndpoint endpoint(recorder, 1000);
        FrameCodec codec;
        const std::string first = codec.encode(WSLAY_TEXT_FRAME, "hel", false);
        const std::string ping = codec.encode(WSLAY_PING, "p");
        const std::string last = codec.encode(WSLAY_CONTINUATION_FRAME, "lo");
        endpoint.receive(first.data(), first.size());
        endpoint.receive(ping.data(), ping.size());
        CPPUNIT_ASSERT_MESSAGE("a fragmented message keeps its context", endpoint.holdsContext());
        endpoint.receive(last.data(), last.size());
        CPPUNIT_ASSERT(recorder.messages == std::vector<std::string>({"hello"}));
        const std::vector<Frame> answers = codec.decode(recorder.sent);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), answers.size());
        CPPUNIT_ASSERT_EQUAL(std::uint8_t(WSLAY_PONG), answers[0].opcode);
        CPPUNIT_ASSERT_EQUAL(std::string("p"), answers[0].payload);
        CPPUNIT_ASSERT(!endpoint.holdsContext());
    }

    void testPong()
    {
        Recorder recorder;
        WebSocketEndpoint endpoint(recorder, 1000);
        FrameCodec codec;
        const std::string pong = codec.encode(WSLAY_PONG, "");
        endpoint.receive(pong.data(), pong.size());
        CPPUNIT_ASSERT_EQUAL(1, recorder.pongs);
    }

    void testUnmaskedFrameIsAProtocolError()
    {
        expectClose(FrameCodec().encode(WSLAY_TEXT_FRAME, "hi", true, false), 1002);
    }

    void testReservedBitsAreAProtocolError()
    {
        std::string bytes = FrameCodec().encode(WSLAY_TEXT_FRAME, "hi");
        bytes[0] = static_cast<char>(bytes[0] | 0x40);
        expectClose(bytes, 1002);
    }

    void testInvalidUtf8() { expectClose(FrameCodec().encode(WSLAY_TEXT_FRAME, "ok \xc3\x28"), 1007); }

    void testTooBig() { expectClose(FrameCodec().encode(WSLAY_TEXT_FRAME, std::string(1001, 'x')), 1009); }

    void testBinaryIsRefused() { expectClose(FrameCodec().encode(WSLAY_BINARY_FRAME, "\x01\x02"), 1003); }

    void testClientClose()
    {
        const std::string payload("\x03\xe8", 2);
        expectClose(FrameCodec().encode(WSLAY_CONNECTION_CLOSE, payload), 1000);
    }

    void testServerClose()
    {
        Recorder recorder;
        WebSocketEndpoint endpoint(recorder, 1000);
        endpoint.close(1001, "bye");
        CPPUNIT_ASSERT(endpoint.closing());
        FrameCodec codec;
        const std::vector<Frame> frames = codec.decode(recorder.sent);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), frames.size());
        CPPUNIT_ASSERT_EQUAL(1001, closeCode(frames[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("bye"), frames[0].payload.substr(2));
        const std::string more = codec.encode(WSLAY_TEXT_FRAME, "late");
        endpoint.receive(more.data(), more.size());
        CPPUNIT_ASSERT(recorder.messages.empty());
    }

    void testAcceptKey()
    {
        // RFC 6455, section 1.3.
        CPPUNIT_ASSERT_EQUAL(std::string("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                             feedhub::WebSocketHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

private:
    void expectClose(const std::string& bytes, int code)
    {
        Recorder recorder;
        WebSocketEndpoint endpoint(recorder, 1000);
        endpoint.receive(bytes.data(), bytes.size());
        CPPUNIT_ASSERT(recorder.messages.empty());
        CPPUNIT_ASSERT(endpoint.closing());
        const std::vector<Frame> frames = FrameCodec().decode(recorder.sent);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), frames.size());
        CPPUNIT_ASSERT_EQUAL(code, closeCode(frames[0]));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebSocketEndpointTest);
