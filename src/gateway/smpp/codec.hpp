// Encoding and decoding of one whole SMPP 3.4 PDU (header and body, §3.2 and §4). Decode reads
// bytes from the network: it never throws, never reads past the span, never trusts a length
// field, and tells the session which command_status to answer a bad PDU with. The framing of a
// byte stream into PDUs is framer.hpp's job. Policy and error table: docs/smpp.md.
// Pure functions; safe to call from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "base/result.hpp"
#include "gateway/smpp/pdu.hpp"

namespace smsinfo::gateway::smpp {

// Why a PDU could not be decoded, and how to answer it.
struct DecodeError {
  CommandStatus command_status = CommandStatus::kEsmeRsysErr;  // the status to answer with
  CommandId command_id = CommandId::kGenericNack;  // from the header (0 if it was incomplete)
  std::uint32_t sequence_number = 0;               // from the header (0 if it was incomplete)
  std::string message;                             // for the log: which field, what was wrong

  // The command to answer with, echoing sequence_number (SMPP 3.4 §2.8, §4.3): generic_nack
  // when the header is at fault (ESME_RINVCMDLEN, ESME_RINVCMDID) or the PDU is itself a
  // response or an outbind; otherwise the *_resp of command_id with command_status.
  CommandId ReplyCommand() const;
};

// A decoded PDU or the reason it could not be decoded.
class [[nodiscard]] DecodeResult {
 public:
  DecodeResult(Pdu pdu) : state_(std::move(pdu)) {}            // NOLINT(google-explicit-constructor)
  DecodeResult(DecodeError error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // Precondition: ok().
  const Pdu& pdu() const& { return std::get<0>(state_); }
  Pdu&& pdu() && { return std::get<0>(std::move(state_)); }
  // Precondition: !ok().
  const DecodeError& error() const { return std::get<1>(state_); }

 private:
  std::variant<Pdu, DecodeError> state_;
};

// Decodes exactly one PDU: `one_pdu` must hold the whole PDU and nothing else (as the framer
// pops them). Its command_length must equal one_pdu.size(). Unknown TLVs are kept in the body's
// TlvList; a response with a non-zero command_status may omit its body (§4.4.2 allows it).
DecodeResult Decode(std::span<const std::uint8_t> one_pdu);

// Encodes `pdu`, computing command_length and command_id from the body (the header's values
// for those two are ignored). Fails with kInvalidInput, naming the field, when a field breaks
// the limits Decode enforces (string too long or holding a NUL, short_message over 254 octets,
// a known TLV of the wrong size), so whatever Encode returns, Decode accepts.
Result<std::vector<std::uint8_t>> Encode(const Pdu& pdu);

}  // namespace smsinfo::gateway::smpp
