// Fuzz target for the residence-register import: ReadCsv, ParseRegisterCsv and ParseAddress on
// arbitrary bytes. Any crash, hang or sanitizer report is a bug; errors are expected results.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "residents/address.hpp"
#include "residents/normalize.hpp"
#include "residents/register_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  auto table = smsinfo::residents::ReadCsv(bytes);
  if (table.ok()) {
    if (table->rows.size() != table->row_lines.size()) std::abort();
    for (const auto& row : table->rows) {
      if (row.size() != table->header.size()) std::abort();
    }
  }

  auto parsed = smsinfo::residents::ParseRegisterCsv(bytes);
  if (parsed.ok()) {
    for (const auto& r : parsed->residents) {
      if (r.surname.empty() || r.first_name.empty() || r.house_number.empty()) std::abort();
      (void)smsinfo::residents::KeysFor(r);
    }
    int previous_line = 0;
    for (const auto& e : parsed->errors) {
      if (e.line < previous_line || e.line < 1 || e.message.empty()) std::abort();
      previous_line = e.line;
    }
  }

  // Addresses are short SMS fields; feed the first line with and without a municipality.
  const std::string_view first_line = bytes.substr(0, std::min<std::size_t>(bytes.find('\n'), 512));
  auto address = smsinfo::residents::ParseAddress(first_line, "Vestec");
  if (address.ok() && address->house_number.empty() && address->orientation_number.empty()) {
    std::abort();
  }
  (void)smsinfo::residents::ParseAddress(first_line);
  return 0;
}
