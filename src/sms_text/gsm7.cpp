#include "sms_text/gsm7.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "sms_text/utf8.hpp"

namespace smsinfo::sms_text {
namespace {

// 3GPP TS 23.038 §6.2.1, indexed by septet value. 0x1B is the escape, not a character.
constexpr std::array<char32_t, 128> kBasic = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00E8', U'\u00E9', U'\u00F9', U'\u00EC',
    U'\u00F2', U'\u00C7', U'\n',     U'\u00D8', U'\u00F8', U'\r',     U'\u00C5', U'\u00E5',
    U'\u0394', U'_',      U'\u03A6', U'\u0393', U'\u039B', U'\u03A9', U'\u03A0', U'\u03A8',
    U'\u03A3', U'\u0398', U'\u039E', U'\x1B',   U'\u00C6', U'\u00E6', U'\u00DF', U'\u00C9',
    U' ',      U'!',      U'"',      U'#',      U'\u00A4', U'%',      U'&',      U'\'',
    U'(',      U')',      U'*',      U'+',      U',',      U'-',      U'.',      U'/',
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',
    U'8',      U'9',      U':',      U';',      U'<',      U'=',      U'>',      U'?',
    U'\u00A1', U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',
    U'X',      U'Y',      U'Z',      U'\u00C4', U'\u00D6', U'\u00D1', U'\u00DC', U'\u00A7',
    U'\u00BF', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',
    U'x',      U'y',      U'z',      U'\u00E4', U'\u00F6', U'\u00F1', U'\u00FC', U'\u00E0',
};

// 3GPP TS 23.038 §6.2.1.1: {code after the escape, character}.
constexpr std::array<std::pair<std::uint8_t, char32_t>, 10> kExtension = {{
    {0x0A, U'\f'},
    {0x14, U'^'},
    {0x28, U'{'},
    {0x29, U'}'},
    {0x2F, U'\\'},
    {0x3C, U'['},
    {0x3D, U'~'},
    {0x3E, U']'},
    {0x40, U'|'},
    {0x65, U'\u20AC'},
}};

// A septet code, with kExtensionFlag set for extension-table characters.
constexpr std::int16_t kExtensionFlag = 0x100;
constexpr std::int16_t kNone = -1;

// Reverse tables: a direct one for U+0000..U+03FF (Latin-1 and Greek), and the euro sign.
struct ReverseTable {
  std::array<std::int16_t, 0x400> low{};

  constexpr ReverseTable() {
    low.fill(kNone);
    for (std::size_t i = 0; i < kBasic.size(); ++i) {
      if (i == kGsm7Escape) continue;
      low[kBasic[i]] = static_cast<std::int16_t>(i);
    }
    for (const auto& [code, c] : kExtension) {
      if (c < low.size()) low[c] = static_cast<std::int16_t>(kExtensionFlag | code);
    }
  }
};

constexpr ReverseTable kReverse;
constexpr char32_t kEuro = U'\u20AC';
constexpr std::uint8_t kEuroCode = 0x65;

std::int16_t Lookup(char32_t c) {
  if (c < kReverse.low.size()) return kReverse.low[c];
  if (c == kEuro) return kExtensionFlag | kEuroCode;
  return kNone;
}

char32_t ExtensionChar(std::uint8_t code) {
  for (const auto& [k, c] : kExtension) {
    if (k == code) return c;
  }
  return 0;
}

}  // namespace

bool IsGsm7(char32_t c) { return Lookup(c) != kNone; }

int Gsm7Septets(char32_t c) {
  const std::int16_t code = Lookup(c);
  if (code == kNone) return 0;
  return (code & kExtensionFlag) != 0 ? 2 : 1;
}

std::vector<std::uint8_t> EncodeGsm7(std::string_view utf8) {
  std::vector<std::uint8_t> out;
  out.reserve(utf8.size());
  for (char32_t c : DecodeUtf8(utf8)) {
    const std::int16_t code = Lookup(c);
    if (code == kNone) {
      out.push_back('?');
    } else if ((code & kExtensionFlag) != 0) {
      out.push_back(kGsm7Escape);
      out.push_back(static_cast<std::uint8_t>(code & 0x7F));
    } else {
      out.push_back(static_cast<std::uint8_t>(code));
    }
  }
  return out;
}

std::string DecodeGsm7(std::span<const std::uint8_t> septets) {
  std::string out;
  out.reserve(septets.size());
  for (std::size_t i = 0; i < septets.size(); ++i) {
    const std::uint8_t s = septets[i];
    if (s > 0x7F) {
      AppendUtf8(out, kReplacementChar);
    } else if (s != kGsm7Escape) {
      AppendUtf8(out, kBasic[s]);
    } else if (i + 1 == septets.size()) {
      out.push_back(' ');  // a lone escape at the end
    } else {
      const std::uint8_t next = septets[++i];
      if (next > 0x7F) {
        AppendUtf8(out, kReplacementChar);
      } else if (next == kGsm7Escape) {
        out.push_back(' ');  // reserved for another extension table: show a space
      } else if (const char32_t ext = ExtensionChar(next); ext != 0) {
        AppendUtf8(out, ext);
      } else {
        AppendUtf8(out, kBasic[next]);  // undefined extension: show the basic character
      }
    }
  }
  return out;
}

std::vector<std::uint8_t> PackSeptets(std::span<const std::uint8_t> septets, int fill_bits) {
  if (fill_bits < 0 || fill_bits > 6) fill_bits = 0;
  const std::size_t bits = static_cast<std::size_t>(fill_bits) + 7 * septets.size();
  std::vector<std::uint8_t> out((bits + 7) / 8, 0);
  std::size_t pos = static_cast<std::size_t>(fill_bits);
  for (std::uint8_t septet : septets) {
    const unsigned value = septet & 0x7Fu;
    const std::size_t byte = pos / 8;
    const unsigned shift = pos % 8;
    out[byte] = static_cast<std::uint8_t>(out[byte] | ((value << shift) & 0xFFu));
    if (shift > 1) {
      out[byte + 1] = static_cast<std::uint8_t>(out[byte + 1] | (value >> (8 - shift)));
    }
    pos += 7;
  }
  return out;
}

std::vector<std::uint8_t> UnpackSeptets(std::span<const std::uint8_t> packed,
                                        std::size_t septet_count, int fill_bits) {
  std::vector<std::uint8_t> out;
  if (fill_bits < 0 || fill_bits > 6) return out;
  const std::size_t available_bits = packed.size() * 8;
  if (available_bits < static_cast<std::size_t>(fill_bits)) return out;
  const std::size_t available = (available_bits - static_cast<std::size_t>(fill_bits)) / 7;
  const std::size_t count = std::min(septet_count, available);
  out.reserve(count);
  std::size_t pos = static_cast<std::size_t>(fill_bits);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t byte = pos / 8;
    const unsigned shift = pos % 8;
    unsigned value = static_cast<unsigned>(packed[byte]) >> shift;
    if (shift > 1) value |= static_cast<unsigned>(packed[byte + 1]) << (8 - shift);
    out.push_back(static_cast<std::uint8_t>(value & 0x7Fu));
    pos += 7;
  }
  return out;
}

int FillBitsAfterUdh(std::size_t udh_bytes) {
  return static_cast<int>((7 - (udh_bytes * 8) % 7) % 7);
}

std::size_t SeptetsForUdh(std::size_t udh_bytes) { return (udh_bytes * 8 + 6) / 7; }

}  // namespace smsinfo::sms_text
