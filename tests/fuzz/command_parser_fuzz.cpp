// Fuzz target for the `*P` grammar (src/inbound/command_parser.hpp): any bytes a phone can send.
// Invariants: ParseCommand never crashes; a RegistrationCommand has a non-empty surname, first
// name and address with no surrounding whitespace, and no field over the length limit;
// InvalidCommand always says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "inbound/command_parser.hpp"

namespace {

bool Trimmed(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return s.empty() || (!space(s.front()) && !space(s.back()));
}

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smsinfo::inbound;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Command command = ParseCommand(text);
  if (const auto* registration = std::get_if<RegistrationCommand>(&command)) {
    Check(!registration->surname.empty());
    Check(!registration->first_name.empty());
    Check(!registration->address.empty());
    for (std::string_view field :
         {std::string_view(registration->surname), std::string_view(registration->first_name),
          std::string_view(registration->address), std::string_view(registration->company)}) {
      Check(Trimmed(field));
      Check(field.size() <= 4 * static_cast<std::size_t>(kMaxFieldCharacters));
    }
  } else if (const auto* invalid = std::get_if<InvalidCommand>(&command)) {
    Check(!invalid->reason.empty());
  }
  // Parsing is a pure function: the same text gives the same kind of command.
  Check(ParseCommand(text).index() == command.index());
  return 0;
}
