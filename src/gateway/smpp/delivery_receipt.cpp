#include "gateway/smpp/delivery_receipt.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace smsinfo::gateway::smpp {

namespace {

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

enum class Field { kId, kSub, kDlvrd, kSubmitDate, kDoneDate, kStat, kErr, kText };

struct Key {
  std::string_view spelling;  // lower case, without the colon
  Field field;
};

// Longer spellings first where one is a prefix of another.
constexpr std::array<Key, 10> kKeys{{
    {"id", Field::kId},
    {"sub", Field::kSub},
    {"dlvrd", Field::kDlvrd},
    {"submit date", Field::kSubmitDate},
    {"submit_date", Field::kSubmitDate},
    {"done date", Field::kDoneDate},
    {"done_date", Field::kDoneDate},
    {"stat", Field::kStat},
    {"err", Field::kErr},
    {"text", Field::kText},
}};

// If a key followed by ':' starts at `at` (case-insensitive), its field and the position after
// the colon.
std::optional<std::pair<Field, std::size_t>> MatchKey(std::string_view text, std::size_t at) {
  for (const Key& key : kKeys) {
    if (at + key.spelling.size() >= text.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.spelling.size() && same; ++i) {
      same = ToLower(text[at + i]) == key.spelling[i];
    }
    if (same && text[at + key.spelling.size()] == ':') {
      return std::make_pair(key.field, at + key.spelling.size() + 1);
    }
  }
  return std::nullopt;
}

std::optional<int> ParseCount(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<ReceiptDate> ParseDate(std::string_view s) {
  if (s.size() != 10 && s.size() != 12) return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), IsDigit)) return std::nullopt;
  const auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  ReceiptDate d;
  d.year = 2000 + two(0);
  d.month = two(2);
  d.day = two(4);
  d.hour = two(6);
  d.minute = two(8);
  if (s.size() == 12) d.second = two(10);
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.minute > 59 ||
      d.second.value_or(0) > 59) {
    return std::nullopt;
  }
  return d;
}

ReceiptStat StatFromText(std::string_view upper) {
  struct Spelling {
    std::string_view text;
    ReceiptStat stat;
  };
  static constexpr std::array<Spelling, 13> kSpellings{{
      {"DELIVRD", ReceiptStat::kDelivered},
      {"DELIVERED", ReceiptStat::kDelivered},
      {"EXPIRED", ReceiptStat::kExpired},
      {"DELETED", ReceiptStat::kDeleted},
      {"UNDELIV", ReceiptStat::kUndeliverable},
      {"UNDELIVERABLE", ReceiptStat::kUndeliverable},
      {"ACCEPTD", ReceiptStat::kAccepted},
      {"ACCEPTED", ReceiptStat::kAccepted},
      {"UNKNOWN", ReceiptStat::kUnknown},
      {"REJECTD", ReceiptStat::kRejected},
      {"REJECTED", ReceiptStat::kRejected},
      {"ENROUTE", ReceiptStat::kEnroute},
      {"ENROUTED", ReceiptStat::kEnroute},
  }};
  for (const Spelling& s : kSpellings) {
    if (s.text == upper) return s.stat;
  }
  // Some SMSCs write the message_state number (§5.2.28) instead of its name.
  if (upper.size() == 1 && upper[0] >= '1' && upper[0] <= '8') {
    return ReceiptStatFromMessageState(static_cast<MessageState>(upper[0] - '0'));
  }
  return ReceiptStat::kUnknown;
}

void AppendDate(std::string& out, const std::optional<ReceiptDate>& date) {
  if (!date) {
    out += "0000000000";
    return;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d%02d%02d", date->year % 100, date->month % 100,
                date->day % 100, date->hour % 100, date->minute % 100);
  out += buf;
  if (date->second) {
    std::snprintf(buf, sizeof buf, "%02d", *date->second % 100);
    out += buf;
  }
}

void AppendCount(std::string& out, int count) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", std::clamp(count, 0, 999));
  out += buf;
}

int DigitValue(char c, bool hex) {
  if (IsDigit(c)) return c - '0';
  if (!hex) return -1;
  const char lower = ToLower(c);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

}  // namespace

const char* ReceiptStatName(ReceiptStat stat) {
  switch (stat) {
    case ReceiptStat::kDelivered: return "DELIVRD";
    case ReceiptStat::kExpired: return "EXPIRED";
    case ReceiptStat::kDeleted: return "DELETED";
    case ReceiptStat::kUndeliverable: return "UNDELIV";
    case ReceiptStat::kAccepted: return "ACCEPTD";
    case ReceiptStat::kUnknown: return "UNKNOWN";
    case ReceiptStat::kRejected: return "REJECTD";
    case ReceiptStat::kEnroute: return "ENROUTE";
  }
  return "UNKNOWN";
}

ReceiptStat ReceiptStatFromMessageState(MessageState state) {
  switch (state) {
    case MessageState::kEnroute: return ReceiptStat::kEnroute;
    case MessageState::kDelivered: return ReceiptStat::kDelivered;
    case MessageState::kExpired: return ReceiptStat::kExpired;
    case MessageState::kDeleted: return ReceiptStat::kDeleted;
    case MessageState::kUndeliverable: return ReceiptStat::kUndeliverable;
    case MessageState::kAccepted: return ReceiptStat::kAccepted;
    case MessageState::kUnknown: return ReceiptStat::kUnknown;
    case MessageState::kRejected: return ReceiptStat::kRejected;
  }
  return ReceiptStat::kUnknown;
}

TimePoint ToTimePoint(const ReceiptDate& date, std::chrono::minutes utc_offset) {
  using namespace std::chrono;
  const sys_days day_point{year{date.year} / month{static_cast<unsigned>(date.month)} /
                           day{static_cast<unsigned>(date.day)}};
  return time_point_cast<Duration>(day_point + hours{date.hour} + minutes{date.minute} +
                                   seconds{date.second.value_or(0)} - utc_offset);
}

Result<ReceiptText> ParseReceiptText(std::string_view text) {
  ReceiptText r;
  bool have_id = false;
  bool have_stat = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool word_start = i == 0 || IsSpace(text[i - 1]);
    const auto key = word_start ? MatchKey(text, i) : std::nullopt;
    if (!key) {
      ++i;
      continue;
    }
    const auto [field, after_colon] = *key;
    std::size_t value_begin = after_colon;
    if (field == Field::kText) {
      r.text = std::string(text.substr(value_begin));
      break;
    }
    while (value_begin < text.size() && IsSpace(text[value_begin])) ++value_begin;
    std::size_t value_end = value_begin;
    while (value_end < text.size() && !IsSpace(text[value_end])) ++value_end;
    const std::string_view value = text.substr(value_begin, value_end - value_begin);
    i = value_end;
    switch (field) {
      case Field::kId:
        if (!have_id && !value.empty()) {
          r.message_id = std::string(value);
          have_id = true;
        }
        break;
      case Field::kSub: r.submitted = ParseCount(value); break;
      case Field::kDlvrd: r.delivered = ParseCount(value); break;
      case Field::kSubmitDate: r.submit_date = ParseDate(value); break;
      case Field::kDoneDate: r.done_date = ParseDate(value); break;
      case Field::kStat:
        if (!have_stat && !value.empty()) {
          r.stat_text.resize(value.size());
          std::transform(value.begin(), value.end(), r.stat_text.begin(), ToUpper);
          r.stat = StatFromText(r.stat_text);
          have_stat = true;
        }
        break;
      case Field::kErr: r.err = std::string(value); break;
      case Field::kText: break;  // handled above
    }
  }
  if (!have_id) return Error::InvalidInput("delivery receipt has no id: field");
  if (!have_stat) return Error::InvalidInput("delivery receipt has no stat: field");
  return r;
}

std::string FormatReceiptText(const ReceiptText& receipt) {
  std::string out = "id:" + receipt.message_id + " sub:";
  AppendCount(out, receipt.submitted.value_or(1));
  out += " dlvrd:";
  AppendCount(out, receipt.delivered.value_or(receipt.stat == ReceiptStat::kDelivered ? 1 : 0));
  out += " submit date:";
  AppendDate(out, receipt.submit_date);
  out += " done date:";
  AppendDate(out, receipt.done_date);
  out += " stat:";
  out += ReceiptStatName(receipt.stat);
  out += " err:";
  out += receipt.err.empty() ? std::string("000") : receipt.err;
  out += " text:";
  out += receipt.text.substr(0, 20);
  return out;
}

Result<ReceiptInfo> ReadReceipt(const DeliverSm& deliver_sm) {
  if (!IsDeliveryReceipt(deliver_sm.esm_class)) {
    return Error::InvalidInput("deliver_sm is not a delivery receipt (esm_class)");
  }
  const auto payload = deliver_sm.Payload();
  const std::string body(payload.begin(), payload.end());
  auto parsed = ParseReceiptText(body);
  const auto tlv_id = deliver_sm.ReceiptedMessageId();
  const auto tlv_state = deliver_sm.State();
  if (!parsed.ok() && !(tlv_id && tlv_state)) {
    return Error::InvalidInput(parsed.error().message + " and no receipt TLVs");
  }
  ReceiptInfo info;
  if (parsed.ok()) {
    info.message_id = parsed->message_id;
    info.stat = parsed->stat;
    info.err = parsed->err;
    info.done_date = parsed->done_date;
  }
  if (tlv_id && !tlv_id->empty()) info.message_id = *tlv_id;
  if (tlv_state) info.stat = ReceiptStatFromMessageState(*tlv_state);
  info.network_error = deliver_sm.NetworkError();
  return info;
}

std::optional<std::string> MessageIdAsDecimal(std::string_view id, bool id_is_hex) {
  if (id.empty() || id.size() > 128) return std::nullopt;
  const int base = id_is_hex ? 16 : 10;
  std::vector<std::uint8_t> digits;  // decimal, least significant first
  for (char c : id) {
    const int d = DigitValue(c, id_is_hex);
    if (d < 0) return std::nullopt;
    int carry = d;
    for (std::uint8_t& digit : digits) {
      const int v = digit * base + carry;
      digit = static_cast<std::uint8_t>(v % 10);
      carry = v / 10;
    }
    while (carry > 0) {
      digits.push_back(static_cast<std::uint8_t>(carry % 10));
      carry /= 10;
    }
  }
  if (digits.empty()) return std::string("0");
  std::string out(digits.size(), '0');
  std::transform(digits.rbegin(), digits.rend(), out.begin(),
                 [](std::uint8_t d) { return static_cast<char>('0' + d); });
  return out;
}

}  // namespace smsinfo::gateway::smpp
