// UCS-2 as SMPP data_coding 8 carries it in practice: UTF-16 big-endian, with surrogate pairs
// for characters beyond the BMP (emoji). Pure functions; safe to call from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsinfo::sms_text {

// UTF-8 -> UTF-16BE bytes. Invalid UTF-8 becomes U+FFFD.
std::vector<std::uint8_t> EncodeUcs2(std::string_view utf8);

// UTF-16BE bytes -> UTF-8. Never throws: a trailing odd byte and lone surrogates each become
// U+FFFD.
std::string DecodeUcs2(std::span<const std::uint8_t> bytes);

// UTF-16 code units `c` takes: 2 beyond the BMP, else 1.
inline int Utf16Units(char32_t c) { return c > 0xFFFF ? 2 : 1; }

}  // namespace smsinfo::sms_text
