//
// RequestReaderFuzzer.cpp
//
// libFuzzer harness for RequestReader, the reader of untrusted request bytes
// on every connection. The input is read twice: whole, and in pieces whose
// size the first byte picks, as a socket may deliver it. Both readings must
// give the same requests and the same refusal, every refusal must be a 4xx or
// 5xx, and no body may exceed its limit.
//

#include "http/RequestReader.h"
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace
{

struct Reading
{
    std::vector<std::string> requests; /// method, target and body of each complete request
    int refusal = 0;
};

const feedhub::RequestReader::Limits LIMITS{2048, 4096};

void check(bool condition)
{
    if (!condition)
        std::abort();
}

bool take(feedhub::RequestReader& reader, std::string& received, Reading& reading)
{
    while (true)
    {
        const feedhub::RequestReader::Result result = reader.read(received);
        if (result == feedhub::RequestReader::Result::NEED_MORE)
            return true;
        if (result == feedhub::RequestReader::Result::REFUSED)
        {
            reading.refusal = static_cast<int>(reader.status());
            check(reading.refusal >= 400 && reading.refusal < 600 && !reader.error().empty());
            return false;
        }
        check(reader.body().size() <= LIMITS.maxBodyBytes);
        reading.requests.push_back(reader.head().getMethod() + ' ' + reader.head().getURI() + '\n' + reader.body());
    }
}

Reading readInPieces(const std::string& bytes, std::size_t piece)
{
    feedhub::RequestReader reader(LIMITS);
    Reading reading;
    std::string received;
    for (std::size_t at = 0; at < bytes.size(); at += piece)
    {
        received.append(bytes, at, piece);
        if (!take(reader, received, reading))
            break;
    }
    return reading;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t piece = data[0] % 32 + 1;
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const Reading whole = readInPieces(bytes, bytes.size() + 1);
    const Reading pieces = readInPieces(bytes, piece);
    check(whole.requests == pieces.requests);
    check(whole.refusal == pieces.refusal);
    return 0;
}
