#include "domain/phone_number.hpp"

#include <phonenumbers/phonenumberutil.h>

namespace smsinfo::domain {

Result<PhoneNumber> PhoneNumber::Parse(std::string_view text, std::string_view default_region) {
  if (text.empty()) return Error::InvalidInput("phone number is empty");
  if (text.size() > 32) return Error::InvalidInput("phone number is too long");
  // libphonenumber ignores trailing garbage; we don't.
  int digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' && digits == 0) {
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '/') {
      return Error::InvalidInput("phone number contains '" + std::string(1, c) + "': " +
                                 std::string(text));
    }
  }
  if (digits < 3) return Error::InvalidInput("phone number has too few digits: " + std::string(text));
  const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber parsed;
  const auto rc = util.Parse(std::string(text), std::string(default_region), &parsed);
  if (rc != i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR || !util.IsValidNumber(parsed)) {
    return Error::InvalidInput("not a valid phone number: " + std::string(text));
  }
  std::string e164;
  util.Format(parsed, i18n::phonenumbers::PhoneNumberUtil::E164, &e164);
  return PhoneNumber(std::move(e164));
}

}  // namespace smsinfo::domain
