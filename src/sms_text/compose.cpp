#include "sms_text/compose.hpp"

#include "sms_text/transliterate.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::sms_text {
namespace {

bool IsSpace(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U'\u0085':
    case U'\u00A0':
    case U'\u1680':
    case U'\u2028':
    case U'\u2029':
    case U'\u202F':
    case U'\u205F':
    case U'\u3000':
    case U'\uFEFF':
      return true;
    default:
      return c >= U'\u2000' && c <= U'\u200B';
  }
}

// The last code point of `s`, which is valid UTF-8; U+0000 for an empty string.
char32_t LastCodePoint(std::string_view s) {
  std::size_t begin = s.size();
  while (begin > 0 && (static_cast<unsigned char>(s[begin - 1]) & 0xC0) == 0x80) --begin;
  if (begin > 0) --begin;
  const std::u32string last = DecodeUtf8(s.substr(begin));
  return last.empty() ? U'\0' : last.back();
}

std::u32string_view Trim(std::u32string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string JoinMessage(std::string_view body, const ComposeOptions& options) {
  const std::u32string body_points = DecodeUtf8(body);
  std::string out = EncodeUtf8(DecodeUtf8(options.prefix));
  out += EncodeUtf8(Trim(body_points));
  if (!options.signature.empty()) {
    if (!out.empty() && !IsSpace(LastCodePoint(out))) out.push_back(' ');
    out += EncodeUtf8(DecodeUtf8(options.signature));
  }
  return out;
}

TextAnalysis Compose(std::string_view body, const ComposeOptions& options) {
  const std::string joined = JoinMessage(body, options);
  return Analyze(options.transliterate ? ToGsmAlphabet(joined) : joined);
}

}  // namespace smsinfo::sms_text
