// The `*P` grammar of SMS commands a citizen sends to the central number (PRODUCT.md,
// docs/inbound.md): "*P Prijmeni,Jmeno,Ulice a CP[,Firma]" registers the sending number, "*P"
// alone unregisters it, anything not starting with '*' is a reply to the office.
// Pure functions; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace smsinfo::inbound {

// A well-formed registration. Fields are trimmed, inner whitespace runs (tabs, newlines) are one
// space; surname, first name and address are non-empty and the address has a house number.
struct RegistrationCommand {
  std::string surname, first_name, address, company;
  bool operator==(const RegistrationCommand&) const = default;
};
struct UnregistrationCommand {
  bool operator==(const UnregistrationCommand&) const = default;
};
// Began like a command but is malformed; `reason` is English, for logs and the office's UI.
struct InvalidCommand {
  std::string reason;
  bool operator==(const InvalidCommand&) const = default;
};
// Not a command: a reply to the office.
struct PlainText {
  bool operator==(const PlainText&) const = default;
};
using Command = std::variant<RegistrationCommand, UnregistrationCommand, InvalidCommand, PlainText>;

// Longest accepted field, in Unicode code points.
inline constexpr int kMaxFieldCharacters = 100;

// Classifies an SMS text (UTF-8; any bytes are accepted and never crash it). Tolerates
// surrounding whitespace, "*p", "* P", no space after P, spaces around separators, trailing
// separators, ';' or line breaks as separators when the text has no comma, and joins fields
// after the fourth into the company. "*P" followed only by whitespace or punctuation
// unregisters. A text starting with '*' that is not a valid "*P" command, and a text starting
// with "P " that holds at least two commas (a forgotten asterisk), are InvalidCommand so that
// the sender gets the help SMS.
Command ParseCommand(std::string_view text);

}  // namespace smsinfo::inbound
