#include "sms_text/ucs2.hpp"

#include "sms_text/utf8.hpp"

namespace smsinfo::sms_text {
namespace {

void PushUnit(std::vector<std::uint8_t>& out, unsigned unit) {
  out.push_back(static_cast<std::uint8_t>(unit >> 8));
  out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
}

bool IsHighSurrogate(unsigned u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLowSurrogate(unsigned u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

std::vector<std::uint8_t> EncodeUcs2(std::string_view utf8) {
  std::vector<std::uint8_t> out;
  out.reserve(utf8.size() * 2);
  for (char32_t c : DecodeUtf8(utf8)) {
    if (c > 0xFFFF) {
      const unsigned v = static_cast<unsigned>(c) - 0x10000u;
      PushUnit(out, 0xD800u | (v >> 10));
      PushUnit(out, 0xDC00u | (v & 0x3FFu));
    } else {
      PushUnit(out, static_cast<unsigned>(c));
    }
  }
  return out;
}

std::string DecodeUcs2(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size());
  const std::size_t units = bytes.size() / 2;
  auto unit_at = [&](std::size_t i) {
    return (static_cast<unsigned>(bytes[2 * i]) << 8) | bytes[2 * i + 1];
  };
  for (std::size_t i = 0; i < units; ++i) {
    const unsigned u = unit_at(i);
    if (IsHighSurrogate(u) && i + 1 < units && IsLowSurrogate(unit_at(i + 1))) {
      const unsigned low = unit_at(++i);
      AppendUtf8(out, 0x10000u + ((u - 0xD800u) << 10) + (low - 0xDC00u));
    } else if (IsHighSurrogate(u) || IsLowSurrogate(u)) {
      AppendUtf8(out, kReplacementChar);
    } else {
      AppendUtf8(out, u);
    }
  }
  if (bytes.size() % 2 != 0) AppendUtf8(out, kReplacementChar);
  return out;
}

}  // namespace smsinfo::sms_text
