// Case- and accent-blind search keys for contacts: "Řehoř Čížek" -> "rehor cizek". Callers
// can't give the store keys for contacts, so the store folds names itself, and folds search
// input the same way. Thread safety: may be called from any thread (one ICU transliterator
// per thread).
#pragma once

#include <string>
#include <string_view>

namespace smsinfo::storage::sqlite {

// Removes diacritics (ICU "NFD; [:Nonspacing Mark:] Remove; NFC; Lower") and lower-cases.
// Plain ASCII takes a fast path without ICU.
std::string FoldForSearch(std::string_view text);

// A key that sorts as Czech does when compared byte by byte (memcmp, SQLite's BLOB order):
// ICU's "cs" collation sort key, so "C" < "Č" < "D", "H" < "CH" < "I", case and accents
// breaking ties only. Thread safety: any thread (one collator per thread).
std::string CzechSortKey(std::string_view text);

// Escapes %, _ and \ for a LIKE pattern that uses ESCAPE '\'.
std::string EscapeLike(std::string_view text);

}  // namespace smsinfo::storage::sqlite
