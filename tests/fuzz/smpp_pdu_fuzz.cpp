// Fuzz target for the SMPP 3.4 framer and codec (src/gateway/smpp): arbitrary bytes are fed to
// the framer in uneven chunks, every popped PDU is decoded, and every decoded PDU must re-encode
// and decode to itself, byte-stable. Seeds: tests/fuzz/corpus/smpp_pdu/.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "gateway/smpp/codec.hpp"
#include "gateway/smpp/framer.hpp"

namespace smpp = smsinfo::gateway::smpp;

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckRoundTrip(const smpp::Pdu& decoded) {
  auto encoded = smpp::Encode(decoded);
  Check(encoded.ok());
  auto again = smpp::Decode(*encoded);
  Check(again.ok());
  smpp::Pdu expected = decoded;
  // An error response may arrive without its body; we always write one.
  expected.header.command_length = static_cast<std::uint32_t>(encoded->size());
  Check(again.pdu() == expected);
  auto encoded_again = smpp::Encode(again.pdu());
  Check(encoded_again.ok() && *encoded_again == *encoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  // The whole input as one PDU.
  auto whole = smpp::Decode(input);
  if (whole.ok()) CheckRoundTrip(whole.pdu());

  // The input as a stream, cut into chunks whose sizes come from the data itself.
  smpp::Framer framer(4096);
  std::vector<std::uint8_t> pdu;
  std::size_t at = 0;
  bool invalid = false;
  while (at < size && !invalid) {
    const std::size_t chunk = std::min<std::size_t>(size - at, 1 + data[at] % 64);
    framer.Feed(input.subspan(at, chunk));
    at += chunk;
    smpp::FrameStatus status;
    while ((status = framer.Next(pdu)) == smpp::FrameStatus::kComplete) {
      Check(pdu.size() >= smpp::kHeaderLength && pdu.size() <= framer.max_pdu_length());
      auto decoded = smpp::Decode(pdu);
      if (decoded.ok()) {
        CheckRoundTrip(decoded.pdu());
      } else {
        Check(decoded.error().command_status != smpp::CommandStatus::kEsmeRok);
      }
    }
    invalid = status == smpp::FrameStatus::kInvalid;
  }
  return 0;
}
