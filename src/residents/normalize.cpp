#include "residents/normalize.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace smsinfo::residents {
namespace {

bool IsAsciiPunctuation(char c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '-':
    case '"':
    case '\'':
      return true;
    default:
      return false;
  }
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Dashes and quotes people type instead of the ASCII ones ("Nádražní – sever", „Na Vršku“).
bool IsTypographicPunctuation(UChar32 c) {
  return (c >= 0x2010 && c <= 0x2015) || (c >= 0x2018 && c <= 0x201F) || c == 0x00AB ||
         c == 0x00BB || c == 0x2032 || c == 0x2033;
}

// Appends `text` to `out`, turning runs of ASCII whitespace and ASCII punctuation into one
// space and dropping them at both ends; lower-cases ASCII letters when `lower` is set.
void AppendCollapsed(std::string_view text, bool lower, std::string& out) {
  bool pending_space = false;
  for (char c : text) {
    if (IsAsciiSpace(c) || IsAsciiPunctuation(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    if (lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
}

std::string NormalizeWithIcu(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return {};  // ICU data missing: no key rather than a wrong one

  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString decomposed = nfd->normalize(source, status);
  if (U_FAILURE(status)) return {};

  icu::UnicodeString stripped;
  const int32_t length = decomposed.length();
  const char16_t* units = decomposed.getBuffer();
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U16_NEXT(units, i, length, c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c) || IsTypographicPunctuation(c)) c = ' ';
    stripped.append(c);
  }
  stripped.toLower(icu::Locale::getRoot());
  const icu::UnicodeString composed = nfc->normalize(stripped, status);
  if (U_FAILURE(status)) return {};

  std::string converted;
  composed.toUTF8String(converted);
  std::string key;
  key.reserve(converted.size());
  AppendCollapsed(converted, /*lower=*/false, key);
  return key;
}

}  // namespace

std::string NormalizeKey(std::string_view utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) return NormalizeWithIcu(utf8);
  std::string key;
  key.reserve(utf8.size());
  AppendCollapsed(utf8, /*lower=*/true, key);
  return key;
}

int BoundedEditDistance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows of the optimal-string-alignment table.
  std::vector<int> before(static_cast<std::size_t>(m) + 1);
  std::vector<int> previous(static_cast<std::size_t>(m) + 1);
  std::vector<int> current(static_cast<std::size_t>(m) + 1);
  for (int j = 0; j <= m; ++j) previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

}  // namespace smsinfo::residents
