#include "sms_text/segment.hpp"

#include <cassert>

#include "sms_text/gsm7.hpp"
#include "sms_text/ucs2.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::sms_text {
namespace {

constexpr std::uint8_t kIeiConcat8 = 0x00;
constexpr std::uint8_t kIeiConcat16 = 0x08;

}  // namespace

TextAnalysis Analyze(std::string_view utf8) {
  TextAnalysis analysis;
  const std::u32string code_points = DecodeUtf8(utf8);
  analysis.text = EncodeUtf8(code_points);
  analysis.characters = static_cast<int>(code_points.size());
  if (code_points.empty()) return analysis;

  bool gsm = true;
  int septets = 0;
  int utf16_units = 0;
  for (char32_t c : code_points) {
    const int n = Gsm7Septets(c);
    if (n == 0) gsm = false;
    septets += n;
    utf16_units += Utf16Units(c);
  }
  analysis.encoding = gsm ? domain::Encoding::kGsm7 : domain::Encoding::kUcs2;
  analysis.units = gsm ? septets : utf16_units;
  const int single = gsm ? kGsm7SingleUnits : kUcs2SingleUnits;
  const int per_part = gsm ? kGsm7PartUnits : kUcs2PartUnits;

  if (analysis.units <= single) {
    analysis.parts.push_back(analysis.text);
    analysis.segments = 1;
    return analysis;
  }

  std::size_t part_begin = 0;  // byte offsets into analysis.text
  std::size_t offset = 0;
  int part_units = 0;
  for (char32_t c : code_points) {
    const int n = gsm ? Gsm7Septets(c) : Utf16Units(c);
    if (part_units + n > per_part) {
      analysis.parts.push_back(analysis.text.substr(part_begin, offset - part_begin));
      part_begin = offset;
      part_units = 0;
    }
    part_units += n;
    offset += static_cast<std::size_t>(Utf8Length(c));
  }
  analysis.parts.push_back(analysis.text.substr(part_begin));
  analysis.segments = static_cast<int>(analysis.parts.size());
  return analysis;
}

std::vector<std::uint8_t> ConcatUdh(std::uint16_t ref, int total, int seq, bool ref16) {
  assert(total >= 1 && total <= 255 && seq >= 1 && seq <= total);
  const auto total_byte = static_cast<std::uint8_t>(total);
  const auto seq_byte = static_cast<std::uint8_t>(seq);
  const auto ref_lo = static_cast<std::uint8_t>(ref & 0xFF);
  if (ref16) {
    const auto ref_hi = static_cast<std::uint8_t>(ref >> 8);
    return {0x06, kIeiConcat16, 0x04, ref_hi, ref_lo, total_byte, seq_byte};
  }
  return {0x05, kIeiConcat8, 0x03, ref_lo, total_byte, seq_byte};
}

std::optional<ConcatInfo> ParseConcatUdh(std::span<const std::uint8_t> udh) {
  if (udh.empty()) return std::nullopt;
  const std::size_t udhl = udh[0];
  if (udh.size() < 1 + udhl) return std::nullopt;
  const std::span<const std::uint8_t> elements = udh.subspan(1, udhl);

  std::optional<ConcatInfo> found;
  std::size_t i = 0;
  while (i < elements.size()) {
    if (elements.size() - i < 2) return std::nullopt;  // IEI without IEDL
    const std::uint8_t iei = elements[i];
    const std::size_t iedl = elements[i + 1];
    if (elements.size() - i - 2 < iedl) return std::nullopt;  // data runs past the header
    const std::span<const std::uint8_t> data = elements.subspan(i + 2, iedl);
    std::optional<ConcatInfo> info;
    if (iei == kIeiConcat8 && iedl == 3) {
      info = ConcatInfo{data[0], data[1], data[2]};
    } else if (iei == kIeiConcat16 && iedl == 4) {
      info = ConcatInfo{(data[0] << 8) | data[1], data[2], data[3]};
    }
    if (info && info->total >= 1 && info->seq >= 1 && info->seq <= info->total) found = info;
    i += 2 + iedl;
  }
  return found;
}

}  // namespace smsinfo::sms_text
