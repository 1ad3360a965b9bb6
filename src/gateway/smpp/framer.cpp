#include "gateway/smpp/framer.hpp"

#include <algorithm>

namespace smsinfo::gateway::smpp {

namespace {

// Big-endian u32 at `at`, reading only the bytes that exist (missing ones count as 0).
std::uint32_t PartialU32(std::span<const std::uint8_t> b, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    v <<= 8;
    if (at + i < b.size()) v |= b[at + i];
  }
  return v;
}

}  // namespace

Framer::Framer(std::size_t max_pdu_length)
    : max_pdu_length_(std::max(max_pdu_length, kHeaderLength)) {}

void Framer::Feed(std::span<const std::uint8_t> bytes) {
  if (invalid_header_) return;
  // Drop popped bytes before growing, so the buffer stays near one PDU plus one read.
  if (start_ > 0 && (start_ == buffer_.size() || start_ >= buffer_.size() / 2)) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

FrameStatus Framer::Next(std::vector<std::uint8_t>& pdu) {
  if (invalid_header_) return FrameStatus::kInvalid;
  const std::span<const std::uint8_t> pending(buffer_.data() + start_, buffer_.size() - start_);
  if (pending.size() < 4) return FrameStatus::kNeedMore;
  const std::uint32_t command_length = PartialU32(pending, 0);
  if (command_length < kHeaderLength || command_length > max_pdu_length_) {
    PduHeader header;
    header.command_length = command_length;
    header.command_id = static_cast<CommandId>(PartialU32(pending, 4));
    header.sequence_number = PartialU32(pending, 12);
    invalid_header_ = header;
    buffer_.clear();
    start_ = 0;
    return FrameStatus::kInvalid;
  }
  if (pending.size() < command_length) return FrameStatus::kNeedMore;
  pdu.assign(pending.begin(), pending.begin() + command_length);
  start_ += command_length;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  return FrameStatus::kComplete;
}

}  // namespace smsinfo::gateway::smpp
