// SMSC delivery receipts: the de-facto text form of SMPP 3.4 Appendix B carried in the
// short_message of a deliver_sm with esm_class 0x04 ("id:... sub:... dlvrd:... submit date:...
// done date:... stat:... err:... text:..."), read tolerantly and written for our simulated SMSC;
// the receipt TLVs (receipted_message_id, message_state, §5.3.2.12, §5.3.2.35); and the
// message id normalization that lets a receipt be matched with its submit_sm_resp.
// See docs/smpp.md. Pure functions; safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "gateway/smpp/pdu.hpp"

namespace smsinfo::gateway::smpp {

// The final (or intermediate) state a receipt reports: the Appendix B "stat" values, which
// match message_state (§5.2.28).
enum class ReceiptStat {
  kDelivered,      // DELIVRD
  kExpired,        // EXPIRED
  kDeleted,        // DELETED
  kUndeliverable,  // UNDELIV
  kAccepted,       // ACCEPTD
  kUnknown,        // UNKNOWN (also any stat text we do not recognize)
  kRejected,       // REJECTD
  kEnroute,        // ENROUTE
};

// The 7-letter Appendix B spelling ("DELIVRD").
const char* ReceiptStatName(ReceiptStat stat);
ReceiptStat ReceiptStatFromMessageState(MessageState state);

// A receipt time as written, YYMMDDhhmm[ss], in the SMSC's (unstated) time zone.
struct ReceiptDate {
  int year = 2000;  // 20YY
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  std::optional<int> second;  // only when the SMSC wrote 12 digits
  bool operator==(const ReceiptDate&) const = default;
};

// The time point of `date` read in a zone `utc_offset` ahead of UTC (Prague: +60 or +120).
TimePoint ToTimePoint(const ReceiptDate& date, std::chrono::minutes utc_offset);

struct ReceiptText {
  std::string message_id;       // as written (hex or decimal: see MessageIdAsDecimal)
  std::optional<int> submitted;  // sub: messages originally submitted
  std::optional<int> delivered;  // dlvrd: messages delivered
  std::optional<ReceiptDate> submit_date;
  std::optional<ReceiptDate> done_date;
  ReceiptStat stat = ReceiptStat::kUnknown;
  std::string stat_text;  // as written, upper-cased ("DELIVRD")
  std::string err;        // as written, usually 3 digits ("000"); empty when absent
  std::string text;       // the rest of the receipt after "text:" (the message's first chars)
  bool operator==(const ReceiptText&) const = default;
};

// Reads the Appendix B text. Tolerant: keys in any case and any order, missing fields, extra
// spaces, 10- or 12-digit dates, "submit_date"/"done_date" spellings; "text:" takes the rest of
// the string; an unrecognized stat gives kUnknown, a malformed date or count is left empty.
// Fails (kInvalidInput) only without an "id:" or a "stat:" field.
Result<ReceiptText> ParseReceiptText(std::string_view text);

// Writes the Appendix B text: "id:<id> sub:001 dlvrd:001 submit date:YYMMDDhhmm done
// date:YYMMDDhhmm stat:DELIVRD err:000 text:<first 20 chars>". Absent counts are written as
// 001 (sub) and 001/000 (dlvrd, by stat); absent dates as 0000000000; an empty err as 000.
std::string FormatReceiptText(const ReceiptText& receipt);

// What a deliver_sm receipt says, preferring the TLVs (receipted_message_id, message_state,
// network_error_code) over the text where both exist. Fails when the PDU is not a receipt
// (esm_class) or carries neither a readable text nor the two TLVs.
struct ReceiptInfo {
  std::string message_id;
  ReceiptStat stat = ReceiptStat::kUnknown;
  std::string err;                        // from the text, if any
  std::optional<NetworkErrorCode> network_error;
  std::optional<ReceiptDate> done_date;   // from the text, if any
};
Result<ReceiptInfo> ReadReceipt(const DeliverSm& deliver_sm);

// Message id normalization. SMSCs write the same id in hex in submit_sm_resp and in decimal in
// the receipt (or the other way round, or the same way), so the gateway config states, for each
// of the two places, whether ids are hex. Both sides are then turned into this canonical key:
// the id's value in decimal, without leading zeros ("1a2b" hex and "006699" decimal both give
// "6699"). Any length works (ids up to 64 digits). nullopt when `id` is empty or has a
// character that is not a digit of the base (then compare the raw ids instead).
std::optional<std::string> MessageIdAsDecimal(std::string_view id, bool id_is_hex);

}  // namespace smsinfo::gateway::smpp
