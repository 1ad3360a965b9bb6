#include "domain/phone_number.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <unordered_map>

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
  // libphonenumber parses ~40,000 numbers a second; the same numbers come again and again
  // (the central number on every inbound SMS, a citizen's number on each of their SMS).
  thread_local std::unordered_map<std::string, std::string> recent;  // "region|text" -> E.164
  std::string cache_key = std::string(default_region) + "|" + std::string(text);
  if (auto it = recent.find(cache_key); it != recent.end()) return PhoneNumber(it->second);
  const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber parsed;
  const auto rc = util.Parse(std::string(text), std::string(default_region), &parsed);
  if (rc != i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR || !util.IsValidNumber(parsed)) {
    return Error::InvalidInput("not a valid phone number: " + std::string(text));
  }
  std::string e164;
  util.Format(parsed, i18n::phonenumbers::PhoneNumberUtil::E164, &e164);
  if (recent.size() >= 4096) recent.clear();
  recent.emplace(std::move(cache_key), e164);
  return PhoneNumber(std::move(e164));
}

}  // namespace smsinfo::domain
