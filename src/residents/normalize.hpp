// Matching keys for names and streets: the same person written "Nováková", "novakova" or
// "NOVÁKOVÁ " gets the same key, so the register and citizens' SMS can be compared.
// Thread safety: every function here may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace smsinfo::residents {

// The matching key of a name or street: Unicode NFD, nonspacing marks removed, lower case,
// punctuation (. , ; : - " ' and the typographic dashes and quotes) turned into spaces,
// whitespace collapsed to one space, trimmed. "  Hlavní  " -> "hlavni",
// "Na Vršku" -> "na vrsku", "Nováková" -> "novakova". Invalid UTF-8 sequences become U+FFFD.
// Pure ASCII input takes a fast path that gives the same result without ICU.
std::string NormalizeKey(std::string_view utf8);

// Optimal-string-alignment edit distance between two keys (insertions, deletions,
// substitutions and swaps of neighbours each count one), computed on bytes. Returns
// `limit + 1` as soon as the distance is known to exceed `limit`.
int BoundedEditDistance(std::string_view a, std::string_view b, int limit);

}  // namespace smsinfo::residents
