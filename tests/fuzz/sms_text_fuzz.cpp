// Fuzz target for sms_text: decoders of outside bytes (GSM 7-bit, packed septets, UCS-2,
// Latin-1, IA5, UTF-8), the concatenation UDH parser, Analyze and ToGsmAlphabet, with their
// invariants checked (abort on violation, since assert is compiled out in release builds).
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <span>
#include <string>
#include <string_view>

#include "sms_text/gsm7.hpp"
#include "sms_text/segment.hpp"
#include "sms_text/transliterate.hpp"
#include "sms_text/ucs2.hpp"
#include "sms_text/utf8.hpp"

namespace {

using namespace smsinfo::sms_text;  // NOLINT(google-build-using-namespace)

void Check(bool condition) {
  if (!condition) std::abort();
}

bool IsValidUtf8(std::string_view s) { return EncodeUtf8(DecodeUtf8(s)) == s; }

bool AllGsm7(std::string_view utf8) {
  for (char32_t c : DecodeUtf8(utf8)) {
    if (!IsGsm7(c)) return false;
  }
  return true;
}

void CheckAnalysis(std::string_view input) {
  const TextAnalysis a = Analyze(input);
  Check(IsValidUtf8(a.text));
  Check(a.characters == static_cast<int>(DecodeUtf8(a.text).size()));
  Check((a.segments == 0) == a.text.empty());
  Check(a.segments == static_cast<int>(a.parts.size()));
  Check(std::accumulate(a.parts.begin(), a.parts.end(), std::string()) == a.text);
  const bool gsm = a.encoding == smsinfo::domain::Encoding::kGsm7;
  Check(gsm == AllGsm7(a.text));
  const int single = gsm ? kGsm7SingleUnits : kUcs2SingleUnits;
  const int per_part = gsm ? kGsm7PartUnits : kUcs2PartUnits;
  Check(a.segments <= 1 ? a.units <= single : a.units > single);
  int total_units = 0;
  for (const std::string& part : a.parts) {
    Check(IsValidUtf8(part) && !part.empty());  // never splits a character
    const int units = static_cast<int>(gsm ? EncodeGsm7(part).size() : EncodeUcs2(part).size() / 2);
    if (a.segments > 1) Check(units <= per_part);
    if (gsm) Check(DecodeGsm7(EncodeGsm7(part)) == part);  // no escape pair split
    total_units += units;
  }
  Check(total_units == a.units);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // Decoders of network bytes: always valid UTF-8 out.
  const std::string gsm = DecodeGsm7(bytes);
  Check(IsValidUtf8(gsm));
  const std::string ucs2 = DecodeUcs2(bytes);
  Check(IsValidUtf8(ucs2));
  Check(DecodeUcs2(EncodeUcs2(ucs2)) == ucs2);
  Check(IsValidUtf8(DecodeLatin1(bytes)));
  Check(IsValidUtf8(DecodeIa5(bytes)));

  // Packed septets: the first byte picks the fill bits, the rest is packed user data.
  if (!bytes.empty()) {
    const int fill = bytes[0] % 7;
    const auto packed = bytes.subspan(1);
    const auto septets = UnpackSeptets(packed, packed.size() * 8 / 7 + 2, fill);
    Check(septets.empty() ||
          septets.size() * 7 + static_cast<std::size_t>(fill) <= packed.size() * 8);
    Check(UnpackSeptets(PackSeptets(septets, fill), septets.size(), fill) == septets);
    Check(IsValidUtf8(DecodeGsm7(septets)));
  }

  if (const auto info = ParseConcatUdh(bytes)) {
    Check(info->total >= 1 && info->total <= 255);
    Check(info->seq >= 1 && info->seq <= info->total);
    Check(info->ref >= 0 && info->ref <= 0xFFFF);
  }

  CheckAnalysis(text);
  CheckAnalysis(gsm);
  const std::string transliterated = ToGsmAlphabet(text);
  Check(AllGsm7(transliterated));
  Check(Analyze(transliterated).encoding == smsinfo::domain::Encoding::kGsm7);
  return 0;
}
