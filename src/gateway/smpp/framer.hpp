// Cuts the byte stream of one SMPP connection into whole PDUs by their command_length
// (SMPP 3.4 §3.2), in the manner of asio's HTTP request_parser: feed what the socket read, then
// pop PDUs until the framer answers "need more" or "invalid". A command_length below 16 or
// above the configured maximum makes the stream unusable: the framer stays invalid, and the
// session answers generic_nack (ESME_RINVCMDLEN) and drops the connection (docs/smpp.md).
// One framer per connection; not thread-safe (it lives on the connection's strand).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "gateway/smpp/pdu.hpp"

namespace smsinfo::gateway::smpp {

inline constexpr std::size_t kDefaultMaxPduLength = 64 * 1024;

enum class FrameStatus {
  kComplete,  // a whole PDU was popped
  kNeedMore,  // no whole PDU buffered yet: read more bytes
  kInvalid,   // bad command_length: answer generic_nack and close the connection
};

class Framer {
 public:
  // max_pdu_length: the largest command_length accepted (at least 16).
  explicit Framer(std::size_t max_pdu_length = kDefaultMaxPduLength);

  Framer(const Framer&) = delete;
  Framer& operator=(const Framer&) = delete;

  // Appends bytes read from the connection. Ignored once the framer is invalid.
  void Feed(std::span<const std::uint8_t> bytes);

  // Pops the next whole PDU (header included) into `pdu`, replacing its contents, when the
  // answer is kComplete; leaves `pdu` alone otherwise. kInvalid is final.
  FrameStatus Next(std::vector<std::uint8_t>& pdu);

  // After kInvalid: the header of the offending PDU (command_length, command_id,
  // sequence_number as read, command_status 0), so the generic_nack can echo its
  // sequence_number. Fields beyond the bytes received are 0.
  const std::optional<PduHeader>& invalid_header() const { return invalid_header_; }

  // Bytes fed and not yet popped.
  std::size_t buffered() const { return buffer_.size() - start_; }
  std::size_t max_pdu_length() const { return max_pdu_length_; }

 private:
  std::size_t max_pdu_length_;
  std::vector<std::uint8_t> buffer_;
  std::size_t start_ = 0;  // first byte not yet popped
  std::optional<PduHeader> invalid_header_;
};

}  // namespace smsinfo::gateway::smpp
