#include "sms_text/transliterate.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "sms_text/gsm7.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::sms_text {
namespace {

constexpr const char* kTransliteratorId = "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII";

// Longest run of non-GSM characters handed to ICU at once: its transliterate() is quadratic on
// long strings (DEPENDENCIES.md §2).
constexpr std::size_t kMaxRun = 256;

// The typographic replacements of step 3, or nullopt when `c` has none.
std::optional<std::u32string_view> Typographic(char32_t c) {
  switch (c) {
    case U'\u2018':  // ‘
    case U'\u2019':  // ’
    case U'\u201A':  // ‚
    case U'\u201B':  // ‛
    case U'\u2032':  // ′
    case U'\u2039':  // ‹
    case U'\u203A':  // ›
    case U'`':
    case U'\u00B4':  // ´
      return U"'";
    case U'\u201C':  // “
    case U'\u201D':  // ”
    case U'\u201E':  // „
    case U'\u201F':  // ‟
    case U'\u2033':  // ″
    case U'\u00AB':  // «
    case U'\u00BB':  // »
      return U"\"";
    case U'\u2010':  // hyphen
    case U'\u2011':  // non-breaking hyphen
    case U'\u2012':  // figure dash
    case U'\u2013':  // en dash
    case U'\u2014':  // em dash
    case U'\u2015':  // horizontal bar
    case U'\u2212':  // minus sign
    case U'\u2022':  // bullet
      return U"-";
    case U'\u2026':  // …
      return U"...";
    case U'\t':
    case U'\u00A0':  // no-break space
    case U'\u2000':
    case U'\u2001':
    case U'\u2002':
    case U'\u2003':
    case U'\u2004':
    case U'\u2005':
    case U'\u2006':
    case U'\u2007':
    case U'\u2008':
    case U'\u2009':
    case U'\u200A':
    case U'\u202F':  // narrow no-break space
    case U'\u205F':
    case U'\u3000':
      return U" ";
    case U'\u2028':  // line separator
    case U'\u2029':  // paragraph separator
    case U'\u0085':  // next line
      return U"\n";
    case U'\u00AD':  // soft hyphen
    case U'\u200B':  // zero-width space
    case U'\u200C':
    case U'\u200D':
    case U'\u2060':
    case U'\uFEFF':  // byte order mark
    case U'\u00B0':  // degree sign
      return U"";
    default:
      return std::nullopt;
  }
}

std::unique_ptr<icu::Transliterator> CreatePrototype() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8(kTransliteratorId), UTRANS_FORWARD, status));
  if (U_FAILURE(status)) return nullptr;
  return t;
}

// This thread's transliterator, or nullptr when ICU could not create one (no ICU data).
icu::Transliterator* ThreadTransliterator() {
  static const std::unique_ptr<icu::Transliterator> prototype = CreatePrototype();
  thread_local const std::unique_ptr<icu::Transliterator> mine(
      prototype != nullptr ? prototype->clone() : nullptr);
  return mine.get();
}

icu::UnicodeString ToUnicodeString(std::u32string_view text) {
  icu::UnicodeString out;
  for (char32_t c : text) out.append(static_cast<UChar32>(c));
  return out;
}

// Puts `text` in NFC. Text below U+0300 is already in NFC and is left alone (the common case).
void ToNfc(std::u32string& text) {
  if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x300; })) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return;
  const icu::UnicodeString normalized = nfc->normalize(ToUnicodeString(text), status);
  if (U_FAILURE(status)) return;
  std::u32string result;
  result.reserve(text.size());
  for (int32_t i = 0; i < normalized.length(); i = normalized.moveIndex32(i, 1)) {
    result.push_back(static_cast<char32_t>(normalized.char32At(i)));
  }
  text = std::move(result);
}

// Appends `c` if it is GSM, else its typographic replacement, else '?'.
void AppendFinal(std::string& out, char32_t c) {
  if (IsGsm7(c)) {
    AppendUtf8(out, c);
  } else if (const auto replacement = Typographic(c)) {
    for (char32_t r : *replacement) AppendUtf8(out, r);
  } else {
    out.push_back('?');
  }
}

// Appends the run of non-GSM, non-typographic characters [begin, end) after step 4 and 5.
void AppendTransliterated(std::string& out, const char32_t* begin, const char32_t* end) {
  icu::Transliterator* t = ThreadTransliterator();
  if (t == nullptr) {
    out.append(static_cast<std::size_t>(end - begin), '?');
    return;
  }
  icu::UnicodeString run = ToUnicodeString(std::u32string_view(begin, end));
  t->transliterate(run);
  for (int32_t i = 0; i < run.length(); i = run.moveIndex32(i, 1)) {
    AppendFinal(out, static_cast<char32_t>(run.char32At(i)));
  }
}

// Most runs are a letter or two ("ř", "ří" in "Příliš"): results of short runs are cached per
// thread, which makes Czech text several times faster than calling ICU for each run.
constexpr std::size_t kMaxCachedRun = 4;
constexpr std::size_t kMaxCachedRuns = 4096;

void AppendTransliteratedCached(std::string& out, std::u32string_view run) {
  if (run.size() > kMaxCachedRun) {
    AppendTransliterated(out, run.data(), run.data() + run.size());
    return;
  }
  thread_local std::unordered_map<std::u32string, std::string> cache;
  std::u32string key(run);
  if (const auto it = cache.find(key); it != cache.end()) {
    out += it->second;
    return;
  }
  std::string result;
  AppendTransliterated(result, run.data(), run.data() + run.size());
  out += result;
  if (cache.size() < kMaxCachedRuns) cache.emplace(std::move(key), std::move(result));
}

bool NeedsIcu(char32_t c) { return !IsGsm7(c) && !Typographic(c).has_value(); }

}  // namespace

std::string ToGsmAlphabet(std::string_view utf8) {
  std::u32string text = DecodeUtf8(utf8);
  ToNfc(text);
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = text[i];
    if (c == kReplacementChar) {
      out.push_back('?');
      ++i;
    } else if (!NeedsIcu(c)) {
      AppendFinal(out, c);
      ++i;
    } else {
      std::size_t j = i + 1;
      while (j < text.size() && j - i < kMaxRun && text[j] != kReplacementChar &&
             NeedsIcu(text[j])) {
        ++j;
      }
      AppendTransliteratedCached(out, std::u32string_view(text).substr(i, j - i));
      i = j;
    }
  }
  return out;
}

}  // namespace smsinfo::sms_text
