// PhoneNumber: a validated number in E.164 form ("+420720001676"), parsed with
// libphonenumber. Immutable value; Parse is thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace smsinfo::domain {

class PhoneNumber {
 public:
  // Accepts what people type: "720 001 676", "+420720001676", "00420 720 001 676".
  // Numbers without a country code are read in default_region (ISO 3166 code). Rejects
  // letters, numbers libphonenumber does not consider valid, and anything over 32 characters.
  static Result<PhoneNumber> Parse(std::string_view text, std::string_view default_region = "CZ");
  // Wraps a number that is already E.164 (from our own store); no validation.
  static PhoneNumber FromE164(std::string e164) { return PhoneNumber(std::move(e164)); }

  const std::string& e164() const { return e164_; }
  bool operator==(const PhoneNumber&) const = default;

 private:
  explicit PhoneNumber(std::string e164) : e164_(std::move(e164)) {}
  std::string e164_;
};

}  // namespace smsinfo::domain
