// UTF-8 <-> code points, and the single-byte SMPP encodings we read: Latin-1 (data_coding 3)
// and IA5/ASCII (data_coding 1). Decoders never fail: invalid input becomes U+FFFD.
// Pure functions; safe to call from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace smsinfo::sms_text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes UTF-8. Each maximal ill-formed subsequence (Unicode §3.9, "U+FFFD substitution of
// maximal subparts") becomes one U+FFFD: overlongs, surrogates, values above U+10FFFF,
// stray continuation bytes and truncated sequences.
std::u32string DecodeUtf8(std::string_view utf8);

// Encodes code points as UTF-8. Surrogates and values above U+10FFFF become U+FFFD.
std::string EncodeUtf8(std::u32string_view text);

// Appends one code point as UTF-8 (U+FFFD for surrogates and values above U+10FFFF).
void AppendUtf8(std::string& out, char32_t c);

// Number of UTF-8 bytes AppendUtf8 writes for `c`.
int Utf8Length(char32_t c);

// ISO 8859-1 bytes (SMPP data_coding 3) -> UTF-8. Every byte is a valid character.
std::string DecodeLatin1(std::span<const std::uint8_t> bytes);

// IA5 / ASCII bytes (SMPP data_coding 1) -> UTF-8. Bytes above 0x7F become U+FFFD.
std::string DecodeIa5(std::span<const std::uint8_t> bytes);

}  // namespace smsinfo::sms_text
