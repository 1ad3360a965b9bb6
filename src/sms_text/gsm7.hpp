// The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1) and its extension table (§6.2.1.1):
// which characters it holds, how many septets each takes, conversion between UTF-8 and unpacked
// septets, and 7-bit packing (§6.1.2.1.1). See docs/sms_text.md.
// Pure functions over constant tables; safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsinfo::sms_text {

// The escape septet that announces a character from the extension table (§6.2.1.1).
inline constexpr std::uint8_t kGsm7Escape = 0x1B;

// True when `c` is in the basic table or the extension table. Note: 0x1B (escape) is not a
// character, and only capital Ç (U+00C7) is at 0x09, as the current spec shows it.
bool IsGsm7(char32_t c);

// Septets `c` takes: 1 in the basic table, 2 in the extension table (escape + char),
// 0 when it is not representable.
int Gsm7Septets(char32_t c);

// UTF-8 -> unpacked septet values (one byte each, 0x1B before extension characters).
// Characters that are not representable (and invalid UTF-8) become '?'.
std::vector<std::uint8_t> EncodeGsm7(std::string_view utf8);

// Unpacked septets -> UTF-8. Per §6.2.1.1: escape + escape (reserved for a further extension
// table) and an escape at the very end show as a space; escape + a code the extension table
// does not define shows the basic-table character of that code. Values above 0x7F (not septets)
// become U+FFFD.
std::string DecodeGsm7(std::span<const std::uint8_t> septets);

// Packs septets into octets, least significant bit first (§6.1.2.1.1). `fill_bits` (0..6)
// zero bits come first, so that septets start on a septet boundary after a user data header;
// see FillBitsAfterUdh. Result size: ceil((fill_bits + 7 * septets.size()) / 8).
// Septet values are masked to 7 bits.
std::vector<std::uint8_t> PackSeptets(std::span<const std::uint8_t> septets, int fill_bits = 0);

// Inverse of PackSeptets: reads `septet_count` septets after `fill_bits` (0..6) leading bits.
// Bounds-checked: when `packed` is too short it returns only the septets that are wholly in it.
// A fill_bits value outside 0..6 gives an empty result.
std::vector<std::uint8_t> UnpackSeptets(std::span<const std::uint8_t> packed,
                                        std::size_t septet_count, int fill_bits = 0);

// Fill bits needed after a user data header of `udh_bytes` octets (UDHL included) so that the
// text starts on a septet boundary (TS 23.040 §9.2.3.24): 1 for the 6-octet concatenation UDH.
int FillBitsAfterUdh(std::size_t udh_bytes);

// Septets a user data header of `udh_bytes` octets occupies, fill bits included
// (7 for the 6-octet concatenation UDH, leaving 153 of 160 for text).
std::size_t SeptetsForUdh(std::size_t udh_bytes);

}  // namespace smsinfo::sms_text
