#include "residents/address.hpp"

#include <array>
#include <optional>
#include <vector>

#include "residents/normalize.hpp"

namespace smsinfo::residents {
namespace {

constexpr std::size_t kMaxDigits = 6;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

enum class NumberKind { kUnmarked, kHouse, kOrientation };

// What a marker before a number says: "č.p.", "cp", "č. p.", "číslo popisné" -> house;
// "č.o.", "co", "číslo orientační" -> orientation. `key` is the NormalizeKey of the marker.
std::optional<NumberKind> MarkerKind(std::string_view key) {
  static constexpr std::array<std::string_view, 8> kHouse = {
      "cp", "c p", "c", "cislo", "cislo popisne", "popisne", "c pop", "cpop"};
  static constexpr std::array<std::string_view, 6> kOrientation = {
      "co", "c o", "cislo orientacni", "orientacni", "c or", "cor"};
  for (auto m : kHouse) {
    if (key == m) return NumberKind::kHouse;
  }
  for (auto m : kOrientation) {
    if (key == m) return NumberKind::kOrientation;
  }
  return std::nullopt;
}

// One number as written: 1-6 digits and at most one letter ("12", "12a"). Drops leading
// zeros. nullopt when `text` is not such a number.
std::optional<std::string> SimpleNumber(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && IsDigit(text[digits])) ++digits;
  if (digits == 0 || digits > kMaxDigits) return std::nullopt;
  const std::size_t letters = text.size() - digits;
  if (letters > 1 || (letters == 1 && !IsAsciiLetter(text.back()))) return std::nullopt;
  std::size_t first = 0;
  while (first + 1 < digits && text[first] == '0') ++first;
  return std::string(text.substr(first));
}

struct NumberGroup {
  std::string first;
  std::string second;  // after a slash, "" if none
};

// "6", "6/7", "12a", "6/7b"; trailing ",;." are ignored.
std::optional<NumberGroup> ParseNumberGroup(std::string_view token) {
  while (!token.empty() && (token.back() == ',' || token.back() == ';' || token.back() == '.')) {
    token.remove_suffix(1);
  }
  const auto slash = token.find('/');
  NumberGroup group;
  auto first = SimpleNumber(token.substr(0, slash));
  if (!first) return std::nullopt;
  group.first = std::move(*first);
  if (slash != std::string_view::npos) {
    auto second = SimpleNumber(token.substr(slash + 1));
    if (!second) return std::nullopt;
    group.second = std::move(*second);
  }
  return group;
}

// Splits on whitespace (and no-break spaces), and glues "6 / 7", "6/ 7" and "6 /7" into "6/7".
std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsSpace(c)) {
      flush();
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      flush();
      ++i;
    } else {
      current.push_back(c);
    }
  }
  flush();
  std::vector<std::string> glued;
  for (auto& token : tokens) {
    const bool joins_previous =
        !glued.empty() && (token.front() == '/' || glued.back().back() == '/');
    if (joins_previous) {
      glued.back() += token;
    } else {
      glued.push_back(std::move(token));
    }
  }
  return glued;
}

std::string_view TrimPunctuation(std::string_view s) {
  auto is_trim = [](char c) { return c == ',' || c == ';' || c == ':' || c == '-' || IsSpace(c); };
  while (!s.empty() && is_trim(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_trim(s.back())) s.remove_suffix(1);
  return s;
}

struct TrailingNumber {
  NumberGroup group;
  NumberKind kind = NumberKind::kUnmarked;
};

// Takes the number (and a marker before it) off the end of `tokens`; nullopt, leaving
// `tokens` as it was, when the last token is not a number.
std::optional<TrailingNumber> PopTrailingNumber(std::vector<std::string>& tokens) {
  if (tokens.empty()) return std::nullopt;
  TrailingNumber result;
  const std::string last = tokens.back();
  if (auto group = ParseNumberGroup(last)) {
    result.group = std::move(*group);
    tokens.pop_back();
  } else {
    // A marker or a street glued to the number: "č.p.50", "cp50", "Hlavni50".
    std::size_t digit = 0;
    while (digit < last.size() && !IsDigit(last[digit])) ++digit;
    if (digit == 0 || digit == last.size()) return std::nullopt;
    auto glued_group = ParseNumberGroup(std::string_view(last).substr(digit));
    if (!glued_group) return std::nullopt;
    result.group = std::move(*glued_group);
    const std::string prefix = last.substr(0, digit);
    tokens.pop_back();
    if (auto kind = MarkerKind(NormalizeKey(prefix))) {
      result.kind = *kind;
      return result;  // the marker was glued; nothing before it belongs to the number
    }
    tokens.push_back(prefix);
    return result;
  }
  // A separate marker: one token ("č.p.", "cp") or two ("č. p.", "číslo popisné").
  if (tokens.size() >= 2) {
    if (auto kind = MarkerKind(NormalizeKey(tokens[tokens.size() - 2] + " " + tokens.back()))) {
      result.kind = *kind;
      tokens.resize(tokens.size() - 2);
      return result;
    }
  }
  if (!tokens.empty()) {
    if (auto kind = MarkerKind(NormalizeKey(tokens.back()))) {
      result.kind = *kind;
      tokens.pop_back();
    }
  }
  return result;
}

}  // namespace

std::string NormalizeHouseNumber(std::string_view number) {
  std::string compact;
  compact.reserve(number.size());
  for (char c : number) {
    if (IsSpace(c)) continue;
    compact.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  // Drop leading zeros that another digit follows: "012a" -> "12a", "00" -> "0".
  std::size_t zeros = 0;
  while (zeros + 1 < compact.size() && compact[zeros] == '0' && IsDigit(compact[zeros + 1])) {
    ++zeros;
  }
  return compact.substr(zeros);
}

Result<Address> ParseAddress(std::string_view text, std::string_view municipality) {
  std::vector<std::string> tokens = Tokenize(text);
  if (tokens.empty()) {
    return Error::InvalidInput("Adresa je prazdna / The address is empty");
  }
  const std::string municipality_key = NormalizeKey(municipality);

  // "Hlavni 50, Vestec": drop the municipality written after the number.
  if (!municipality_key.empty()) {
    for (std::size_t tail = 1; tail < tokens.size(); ++tail) {
      std::string joined;
      for (std::size_t i = tokens.size() - tail; i < tokens.size(); ++i) {
        joined += tokens[i];
        joined += ' ';
      }
      if (NormalizeKey(joined) == municipality_key &&
          ParseNumberGroup(tokens[tokens.size() - tail - 1])) {
        tokens.resize(tokens.size() - tail);
        break;
      }
    }
  }

  auto last = PopTrailingNumber(tokens);
  if (!last) {
    return Error::InvalidInput(
        "V adrese chybi cislo domu (napr. Hlavni 50) / The address has no house number "
        "(e.g. Hlavni 50)");
  }
  Address address;
  if (last->kind == NumberKind::kOrientation && last->group.second.empty()) {
    address.orientation_number = last->group.first;
    // "Školní č.p. 6 č.o. 7" or "Školní 6 č.o. 7": a house number before it.
    std::vector<std::string> before = tokens;
    auto house = PopTrailingNumber(before);
    if (house && house->kind != NumberKind::kOrientation && house->group.second.empty()) {
      address.house_number = house->group.first;
      tokens = std::move(before);
    }
  } else {
    address.house_number = last->group.first;
    address.orientation_number = last->group.second;
  }

  std::string street;
  for (const auto& token : tokens) {
    if (!street.empty()) street += ' ';
    street += token;
  }
  street = std::string(TrimPunctuation(street));
  const std::string street_key = NormalizeKey(street);
  if (street_key.empty() || (!municipality_key.empty() && street_key == municipality_key)) {
    street.clear();
  }
  address.street = std::move(street);
  return address;
}

}  // namespace smsinfo::residents
