// Keeps text in the GSM 7-bit alphabet (3GPP TS 23.038 §6.2.1) so that a message costs as few
// segments as possible: characters that are in the alphabet stay as they are, typographic
// punctuation becomes ASCII, other letters lose their diacritics through ICU, and whatever is
// still not representable becomes '?'. Rules in docs/sms_text.md.
// Thread-safe: each thread uses its own ICU transliterator, cloned once from a shared prototype.
#pragma once

#include <string>
#include <string_view>

namespace smsinfo::sms_text {

// Returns `utf8` with every character representable in GSM 7-bit (IsGsm7 holds for all of it):
//  1. the text is put in NFC, so that "e" + U+0301 becomes the GSM character "é";
//  2. GSM characters stay (é ü Ä £ € ß [ ] ... and newlines);
//  3. typographic characters become ASCII: ‘ ’ ‚ ` ´ -> ', “ ” „ « » -> ", dashes and minus -> -,
//     … -> ..., no-break and other Unicode spaces and tab -> space, zero-width characters and
//     soft hyphen are removed, ° is removed ("-5 °C" -> "-5 C"), • -> -;
//  4. other characters go through ICU "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII"
//     (Příliš žluťoučký kůň -> Prilis zlutoucky kun, ł -> l, œ -> oe);
//  5. what is still not GSM becomes '?'. Invalid UTF-8 becomes '?'.
std::string ToGsmAlphabet(std::string_view utf8);

}  // namespace smsinfo::sms_text
