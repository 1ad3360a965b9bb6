// How a text travels as SMS: encoding choice (GSM 7-bit or UCS-2), counting (septets or UTF-16
// code units), splitting into concatenated segments, and the concatenation user data header
// (3GPP TS 23.040 §9.2.3.24.1 and §9.2.3.24.8). See docs/sms_text.md.
// Pure functions; safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/message.hpp"

namespace smsinfo::sms_text {

// Capacity of one SMS (140 octets of user data) in each encoding, alone and as one part of a
// concatenated message (the 6-octet concatenation UDH takes 7 septets / 3 UTF-16 units).
inline constexpr int kGsm7SingleUnits = 160;
inline constexpr int kGsm7PartUnits = 153;
inline constexpr int kUcs2SingleUnits = 70;
inline constexpr int kUcs2PartUnits = 67;

struct TextAnalysis {
  std::string text;  // the analyzed text (UTF-8; invalid input bytes as U+FFFD)
  domain::Encoding encoding = domain::Encoding::kGsm7;  // kGsm7 when every char is representable
  int characters = 0;                                   // Unicode code points
  int units = 0;  // septets (GSM) or UTF-16 code units (UCS-2)
  // 0 for empty text; 1 if units <= 160 (GSM) / 70 (UCS-2); else the number of parts, which is
  // ceil(units / 153) / ceil(units / 67) unless keeping a pair whole pushes a unit further.
  int segments = 0;
  // The text of each segment, UTF-8, joining back to `text`; never splits an escape pair or a
  // surrogate pair. Empty for empty text.
  std::vector<std::string> parts;
};

// Chooses the encoding, counts, and splits. Microseconds for SMS-sized texts.
TextAnalysis Analyze(std::string_view utf8);

// The concatenation UDH with the UDHL byte first: `05 00 03 ref total seq` (8-bit reference,
// IEI 0x00) or, with ref16, `06 08 04 refhi reflo total seq` (IEI 0x08). Without ref16 only the
// low byte of `ref` is used. Preconditions: 1 <= seq <= total <= 255.
std::vector<std::uint8_t> ConcatUdh(std::uint16_t ref, int total, int seq, bool ref16 = false);

struct ConcatInfo {
  int ref;    // 0..255 for IEI 0x00, 0..65535 for IEI 0x08
  int total;  // 1..255
  int seq;    // 1..total
};

// Parses a UDH (UDHL first; bytes after the header, such as the text, are ignored) and returns
// its concatenation info. nullopt when the header is absent, truncated or malformed, or holds no
// valid concatenation element. Per TS 23.040 §9.2.3.24.1, an element with seq 0, seq > total or
// total 0 is ignored; when several are valid the last one wins. Bounds-checked: reads network
// bytes.
std::optional<ConcatInfo> ParseConcatUdh(std::span<const std::uint8_t> udh);

}  // namespace smsinfo::sms_text
