#include "inbound/command_parser.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "residents/address.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::inbound {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsAsciiPunctuation(char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Trims, then drops trailing separators (and the whitespace between them): "Firma, ," -> "Firma".
std::string_view TrimTrailingSeparators(std::string_view s, char separator) {
  s = Trim(s);
  while (!s.empty() && (s.back() == separator || IsSpace(s.back()))) s.remove_suffix(1);
  return s;
}

// Trimmed, with every run of whitespace (line breaks, tabs) turned into one space.
std::string CollapseWhitespace(std::string_view s) {
  s = Trim(s);
  std::string out;
  out.reserve(s.size());
  bool in_space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(c);
  }
  return out;
}

// C0 and C1 controls, DEL, and the bidirectional embedding/override/isolate controls that could
// make a name display as something else in the office's UI.
bool IsControl(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// An empty string when `field` is acceptable, else why not.
std::string CheckField(std::string_view name, std::string_view field) {
  const std::u32string code_points = sms_text::DecodeUtf8(field);
  if (sms_text::EncodeUtf8(code_points) != field) {
    return std::string(name) + " is not valid UTF-8";
  }
  for (char32_t c : code_points) {
    if (IsControl(c)) return std::string(name) + " contains a control character";
  }
  if (code_points.size() > static_cast<std::size_t>(kMaxFieldCharacters)) {
    return std::string(name) + " is longer than " + std::to_string(kMaxFieldCharacters) +
           " characters";
  }
  return {};
}

Command ParseRegistration(std::string_view rest) {
  // A colon, dot or dash right after the P ("*P: Novak,...") is noise.
  while (!rest.empty() && (IsSpace(rest.front()) || rest.front() == ':' || rest.front() == '.' ||
                           rest.front() == '-')) {
    rest.remove_prefix(1);
  }
  rest = Trim(rest);

  char separator = ',';
  if (rest.find(',') == std::string_view::npos) {
    if (rest.find(';') != std::string_view::npos) {
      separator = ';';
    } else if (rest.find('\n') != std::string_view::npos) {
      separator = '\n';
    }
  }

  // Surname, first name and address are the first three fields; everything after the third
  // separator, as written, is the company (which may itself contain separators).
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (fields.size() < 3) {
    const std::size_t end = rest.find(separator, start);
    if (end == std::string_view::npos) break;
    fields.push_back(rest.substr(start, end - start));
    start = end + 1;
  }
  std::string_view tail = rest.substr(start);
  if (fields.size() < 3) {
    fields.push_back(tail);
    tail = {};
  }
  if (fields.size() < 3) {
    return InvalidCommand{"expected surname, first name and address separated by commas"};
  }

  RegistrationCommand cmd;
  cmd.surname = CollapseWhitespace(fields[0]);
  cmd.first_name = CollapseWhitespace(fields[1]);
  cmd.address = CollapseWhitespace(fields[2]);
  cmd.company = CollapseWhitespace(TrimTrailingSeparators(tail, separator));

  if (cmd.surname.empty()) return InvalidCommand{"surname is empty"};
  if (cmd.first_name.empty()) return InvalidCommand{"first name is empty"};
  if (cmd.address.empty()) return InvalidCommand{"address is empty"};
  for (const auto& [name, value] :
       {std::pair<std::string_view, const std::string&>{"surname", cmd.surname},
        {"first name", cmd.first_name},
        {"address", cmd.address},
        {"company", cmd.company}}) {
    std::string problem = CheckField(name, value);
    if (!problem.empty()) return InvalidCommand{std::move(problem)};
  }
  auto address = residents::ParseAddress(cmd.address);
  if (!address.ok() || address->house_number.empty()) {
    return InvalidCommand{"address has no house number: " + cmd.address};
  }
  return cmd;
}

bool LooksLikeForgottenAsterisk(std::string_view text) {
  if (text.size() < 2 || (text[0] != 'P' && text[0] != 'p') || text[1] != ' ') return false;
  std::size_t commas = 0;
  for (char c : text) commas += c == ',' ? 1 : 0;
  return commas >= 2;
}

}  // namespace

Command ParseCommand(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.front() != '*') {
    if (LooksLikeForgottenAsterisk(text)) {
      return InvalidCommand{"looks like a registration without the leading '*'"};
    }
    return PlainText{};
  }
  std::string_view rest = text.substr(1);
  while (!rest.empty() && IsSpace(rest.front())) rest.remove_prefix(1);
  if (rest.empty()) return InvalidCommand{"'*' without a command letter"};
  if (rest.front() != 'P' && rest.front() != 'p') {
    if (IsAsciiLetter(rest.front())) {
      return InvalidCommand{std::string("unknown command '*") + rest.front() + "'"};
    }
    return InvalidCommand{"'*' not followed by the command letter P"};
  }
  rest.remove_prefix(1);

  bool only_punctuation = true;
  for (char c : rest) {
    if (!IsSpace(c) && !IsAsciiPunctuation(c)) {
      only_punctuation = false;
      break;
    }
  }
  if (only_punctuation) return UnregistrationCommand{};
  return ParseRegistration(rest);
}

}  // namespace smsinfo::inbound
