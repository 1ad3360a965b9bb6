// Parsing of a Czech postal address as a citizen types it in an SMS ("Hlavní 50", "Školní 6/7",
// "Vestec 4") or as a register row holds it, into street, house number (číslo popisné, č.p.)
// and orientation number (číslo orientační, č.o.). Thread safety: pure functions, any thread.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace smsinfo::residents {

struct Address {
  std::string street;              // as written (spaces collapsed); "" where there is no street
  std::string house_number;        // č.p., or the one number given; "" only for "č.o. 7" alone
  std::string orientation_number;  // č.o., may end in a letter ("12a")
};

// Understands "Hlavni 50", "Hlavní 50", "hlavni  50", "Hlavni c.p. 50", "Hlavní č.p.50",
// "Hlavni cp 50", "Hlavni50", "Školní 6/7" and "Školní 6 / 7" (č.p. 6, č.o. 7),
// "Školní č.p. 6 č.o. 7", "Školní č.o. 7" (orientation number only), "Na Vrsku 12",
// "28. října 5", "Hlavni 50, Vestec". A street equal to `municipality` (case and accent blind),
// or none at all ("4", "c.p. 4"), gives street "". A single number is returned as
// house_number as written, letters kept ("Hlavni 12a" -> "12a"); it may really be an
// orientation number, which the matcher takes into account. Leading zeros are dropped.
// Errors (kInvalidInput, Czech without diacritics / English): empty text, no house number.
Result<Address> ParseAddress(std::string_view text, std::string_view municipality = "");

// The comparable form of a house or orientation number: spaces removed, leading zeros
// dropped, letters lower-cased. " 012A" -> "12a".
std::string NormalizeHouseNumber(std::string_view number);

}  // namespace smsinfo::residents
