// Composes what phones will show: the organization's prefix, the body the office wrote and its
// signature, optionally kept in the GSM alphabet, with the resulting counts and segments.
// Pure function; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

#include "sms_text/segment.hpp"

namespace smsinfo::sms_text {

struct ComposeOptions {
  std::string prefix;         // joined to the body as is: it carries its own punctuation
  std::string signature;      // appended after a single space
  bool transliterate = true;  // pass the whole result through ToGsmAlphabet
};

// prefix + trimmed body + " " + signature, analyzed. The body's surrounding whitespace (ASCII
// whitespace and Unicode spaces such as U+00A0) is trimmed; the space before the signature is
// left out when there is nothing before it or what is before it already ends with whitespace;
// an empty signature adds nothing. Example: prefix "SMS Info OU:", body "Uzavírka Hlavní
// ulice.", signature "Vas OU" -> "SMS Info OU:Uzavirka Hlavni ulice. Vas OU".
TextAnalysis Compose(std::string_view body, const ComposeOptions& options);

// The text Compose analyzes, before transliteration.
std::string JoinMessage(std::string_view body, const ComposeOptions& options);

}  // namespace smsinfo::sms_text
