#include "residents/register_csv.hpp"

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

#include "residents/address.hpp"
#include "residents/normalize.hpp"

namespace smsinfo::residents {
namespace {

constexpr std::size_t kMaxRecords = 2'000'000;
constexpr std::size_t kMaxFieldChars = 200;
constexpr int kMinBirthYear = 1880;

// ---- decoding -------------------------------------------------------------------------------

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF).
bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (n - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((p[i + k] & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (p[i + k] & 0x3Fu);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

Result<std::string> Cp1250ToUtf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("windows-1250", &status),
                                                               &ucnv_close);
  if (U_FAILURE(status)) {
    return Error::Internal(std::string("ICU has no windows-1250 converter: ") +
                           u_errorName(status));
  }
  // A single-byte charset, so the input can be cut anywhere; each byte gives at most 3 bytes.
  constexpr std::size_t kChunk = 1 << 20;
  std::string out;
  out.reserve(bytes.size() * 2);
  std::string buffer;
  for (std::size_t offset = 0; offset < bytes.size(); offset += kChunk) {
    const std::string_view chunk = bytes.substr(offset, kChunk);
    buffer.resize(chunk.size() * 3 + 1);
    status = U_ZERO_ERROR;
    const int32_t written = ucnv_toAlgorithmic(UCNV_UTF8, converter.get(), buffer.data(),
                                               static_cast<int32_t>(buffer.size()), chunk.data(),
                                               static_cast<int32_t>(chunk.size()), &status);
    if (U_FAILURE(status)) {
      return Error::InvalidInput(std::string("Soubor nelze precist jako windows-1250 / The file "
                                             "cannot be read as windows-1250: ") +
                                 u_errorName(status));
    }
    out.append(buffer.data(), static_cast<std::size_t>(written));
  }
  return out;
}

// ---- records ---------------------------------------------------------------------------------

struct RawRecord {
  std::vector<std::string> cells;
  int line = 0;
  std::string problem;  // set when the record's quoting is broken
};

bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

// Splits UTF-8 text into RFC 4180 records, counting physical lines.
class RecordReader {
 public:
  RecordReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  // Reads the next record into `out`; false at the end of the text.
  bool Next(RawRecord& out) {
    if (pos_ >= text_.size()) return false;
    out.cells.clear();
    out.problem.clear();
    out.line = line_;
    const std::size_t record_start = pos_;
    while (true) {
      while (pos_ < text_.size() && IsBlankChar(text_[pos_]) && text_[pos_] != delimiter_) ++pos_;
      std::string cell;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (!ReadQuoted(cell)) {
          // Unbalanced: report the record and carry on with the line after its first one.
          out.problem = "Neuzavrene uvozovky / Unbalanced quote: a quoted field is not closed";
          pos_ = record_start;
          line_ = out.line;
          while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
          ConsumeLineEnd();
          return true;
        }
        while (pos_ < text_.size() && IsBlankChar(text_[pos_]) && text_[pos_] != delimiter_) {
          ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' &&
            text_[pos_] != '\r') {
          if (out.problem.empty()) {
            out.problem = "Za uzaviraci uvozovkou nasleduje text / Text follows a closing quote";
          }
          const std::size_t rest = pos_;
          SkipUnquoted();
          cell.append(text_.substr(rest, pos_ - rest));
        }
      } else {
        const std::size_t start = pos_;
        SkipUnquoted();
        std::size_t end = pos_;
        while (end > start && IsBlankChar(text_[end - 1])) --end;
        cell.assign(text_.substr(start, end - start));
      }
      out.cells.push_back(std::move(cell));
      if (pos_ < text_.size() && text_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      ConsumeLineEnd();
      return true;
    }
  }

 private:
  void SkipUnquoted() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == delimiter_ || c == '\n' || c == '\r') break;
      ++pos_;
    }
  }

  // At an opening quote: reads to the closing one. False if there is none.
  bool ReadQuoted(std::string& cell) {
    std::size_t i = pos_ + 1;
    int lines = 0;
    while (true) {
      const std::size_t quote = text_.find('"', i);
      const std::size_t stop = quote == std::string_view::npos ? text_.size() : quote;
      const std::string_view part = text_.substr(i, stop - i);
      for (std::size_t k = 0; k < part.size(); ++k) {
        if (part[k] == '\n' || (part[k] == '\r' && (k + 1 >= part.size() || part[k + 1] != '\n'))) {
          ++lines;
        }
      }
      cell.append(part);
      if (quote == std::string_view::npos) return false;
      if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
        cell.push_back('"');
        i = quote + 2;
        continue;
      }
      pos_ = quote + 1;
      line_ += lines;
      return true;
    }
  }

  void ConsumeLineEnd() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
    } else if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
  }

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

bool AllEmpty(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
}

// ';' unless the first non-blank line has more ',' than ';' outside quotes.
char DetectDelimiter(std::string_view text) {
  std::size_t semicolons = 0;
  std::size_t commas = 0;
  bool quoted = false;
  bool seen_content = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      if (seen_content) break;
      continue;
    } else if (!quoted && c == ';') {
      ++semicolons;
    } else if (!quoted && c == ',') {
      ++commas;
    }
    if (!IsBlankChar(c)) seen_content = true;
  }
  return commas > semicolons ? ',' : ';';
}

std::string FieldCountMessage(std::size_t found, std::size_t expected) {
  return "Radek ma " + std::to_string(found) + " poli misto " + std::to_string(expected) +
         " / The row has " + std::to_string(found) + " fields instead of " +
         std::to_string(expected);
}

// ---- register columns ------------------------------------------------------------------------

enum Column {
  kSurname,
  kFirstName,
  kStreet,
  kHouseNumber,
  kOrientationNumber,
  kMunicipality,
  kZip,
  kBirthYear,
  kAddress,
  kColumnCount,
};

struct ColumnSpec {
  const char* display;                    // for messages
  std::array<std::string_view, 8> names;  // header keys with spaces and '_' removed
};

constexpr std::array<ColumnSpec, kColumnCount> kColumns = {{
    {"Prijmeni (surname)", {"prijmeni", "surname", "lastname", "familyname", "", "", "", ""}},
    {"Jmeno (first_name)", {"jmeno", "firstname", "name", "givenname", "krestnijmeno", "", "", ""}},
    {"Ulice (street)", {"ulice", "street", "", "", "", "", "", ""}},
    {"Cislo popisne (house_number)",
     {"cislopopisne", "cp", "housenumber", "popisnecislo", "cpop", "", "", ""}},
    {"Cislo orientacni (orientation_number)",
     {"cisloorientacni", "co", "orientationnumber", "orientacnicislo", "cor", "", "", ""}},
    {"Obec (municipality)", {"obec", "municipality", "mesto", "city", "town", "", "", ""}},
    {"PSC (zip)", {"psc", "zip", "zipcode", "postcode", "postalcode", "", "", ""}},
    {"Rok narozeni (birth_year)", {"roknarozeni", "birthyear", "yearofbirth", "", "", "", "", ""}},
    {"Adresa (address)", {"adresa", "address", "bydliste", "", "", "", "", ""}},
}};

std::string HeaderKey(std::string_view cell) {
  std::string key = NormalizeKey(cell);
  std::erase_if(key, [](char c) { return c == ' ' || c == '_'; });
  return key;
}

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "12" or "12a": at most 6 digits and one letter.
bool IsOrientationNumber(std::string_view s) {
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0 || digits > 6) return false;
  if (s.size() == digits) return true;
  const char c = s[digits];
  return s.size() == digits + 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

int CurrentYear() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

std::string Quoted(std::string_view s) {
  std::string cut(s.substr(0, 40));
  return "\"" + cut + (s.size() > 40 ? "...\"" : "\"");
}

// NormalizeKey with a memo: register columns repeat the same few streets and municipalities.
class KeyCache {
 public:
  const std::string& Key(const std::string& text) {
    auto it = keys_.find(text);
    if (it == keys_.end()) it = keys_.emplace(text, NormalizeKey(text)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> keys_;
};

}  // namespace

Result<CsvTable> ReadCsv(std::string_view bytes) {
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return Error::InvalidInput(
        "Soubor je v kodovani UTF-16; ulozte jej jako UTF-8 nebo windows-1250 / The file is "
        "UTF-16; save it as UTF-8 or windows-1250");
  }
  CsvTable table;
  std::string decoded;
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (IsValidUtf8(text)) {
    table.encoding = "utf-8";
  } else {
    auto converted = Cp1250ToUtf8(bytes);
    if (!converted.ok()) return converted.error();
    decoded = std::move(converted).value();
    text = decoded;
    table.encoding = "windows-1250";
  }
  table.delimiter = DetectDelimiter(text);

  RecordReader reader(text, table.delimiter);
  RawRecord record;
  bool have_header = false;
  std::size_t records = 0;
  while (reader.Next(record)) {
    if (record.problem.empty() && AllEmpty(record.cells)) continue;
    if (!have_header) {
      if (!record.problem.empty()) {
        return Error::InvalidInput("Hlavicka souboru (radek " + std::to_string(record.line) +
                                   "): " + record.problem + " / in the header");
      }
      while (!record.cells.empty() && record.cells.back().empty()) record.cells.pop_back();
      table.header = std::move(record.cells);
      record.cells = {};
      have_header = true;
      continue;
    }
    if (++records > kMaxRecords) {
      return Error::InvalidInput(
          "Soubor ma vice nez 2 000 000 radku / The file has more than 2,000,000 rows");
    }
    if (!record.problem.empty()) {
      table.errors.push_back({record.line, record.problem});
      continue;
    }
    auto& cells = record.cells;
    while (cells.size() > table.header.size() && cells.back().empty()) cells.pop_back();
    if (cells.size() != table.header.size()) {
      table.errors.push_back({record.line, FieldCountMessage(cells.size(), table.header.size())});
      continue;
    }
    table.rows.push_back(std::move(cells));
    cells = {};
    table.row_lines.push_back(record.line);
  }
  if (!have_header) return Error::InvalidInput("Soubor je prazdny / The file is empty");
  return table;
}

storage::ResidentKeys KeysFor(const domain::Resident& r) {
  return {NormalizeKey(r.surname), NormalizeKey(r.first_name), NormalizeKey(r.street)};
}

Result<ParsedRegister> ParseRegisterCsv(std::string_view bytes) {
  auto read = ReadCsv(bytes);
  if (!read.ok()) return read.error();
  CsvTable& table = *read;

  std::array<int, kColumnCount> index;
  index.fill(-1);
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string key = HeaderKey(table.header[i]);
    for (int c = 0; c < kColumnCount; ++c) {
      const auto& names = kColumns[c].names;
      if (index[c] < 0 && !key.empty() &&
          std::find(names.begin(), names.end(), key) != names.end()) {
        index[c] = static_cast<int>(i);
        break;
      }
    }
  }
  std::vector<std::string> missing;
  if (index[kSurname] < 0) missing.emplace_back(kColumns[kSurname].display);
  if (index[kFirstName] < 0) missing.emplace_back(kColumns[kFirstName].display);
  if (index[kHouseNumber] < 0 && index[kAddress] < 0) {
    missing.push_back(std::string(kColumns[kHouseNumber].display) + " nebo/or " +
                      kColumns[kAddress].display);
  }
  if (!missing.empty()) {
    std::string found;
    for (std::size_t i = 0; i < table.header.size() && i < 20; ++i) {
      if (!found.empty()) found += ", ";
      found += Quoted(table.header[i]);
    }
    std::string needed;
    for (const auto& m : missing) needed += (needed.empty() ? "" : ", ") + m;
    return Error::InvalidInput(
        "Hlavicka souboru nema potrebne sloupce / The header lacks required columns. "
        "Nalezeno/found: " +
        (found.empty() ? std::string("(nic/none)") : found) + ". Chybi/missing: " + needed +
        ". Potreba/needed: Prijmeni, Jmeno, Cislo popisne (nebo Adresa); volitelne/optional: "
        "Ulice, Cislo orientacni, Obec, PSC, Rok narozeni");
  }

  ParsedRegister result;
  result.encoding = table.encoding;
  result.delimiter = table.delimiter;
  result.errors = std::move(table.errors);
  result.residents.reserve(table.rows.size());
  const int max_birth_year = CurrentYear();
  KeyCache keys;

  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    const int line = table.row_lines[r];
    const std::size_t errors_before = result.errors.size();
    auto add_error = [&](std::string message) {
      result.errors.push_back({line, std::move(message)});
    };
    auto cell = [&](Column c) -> const std::string& {
      static const std::string kEmpty;
      return index[c] < 0 ? kEmpty : cells[static_cast<std::size_t>(index[c])];
    };

    for (int c = 0; c < kColumnCount; ++c) {
      if (CodePoints(cell(static_cast<Column>(c))) > kMaxFieldChars) {
        add_error(std::string("Pole ") + kColumns[c].display +
                  " je delsi nez 200 znaku / The field is longer than 200 characters");
      }
    }
    if (result.errors.size() != errors_before) continue;

    domain::Resident resident;
    resident.surname = cell(kSurname);
    resident.first_name = cell(kFirstName);
    resident.street = cell(kStreet);
    resident.municipality = cell(kMunicipality);
    resident.zip = cell(kZip);
    resident.orientation_number = cell(kOrientationNumber);
    std::string house_number = cell(kHouseNumber);

    if (resident.surname.empty()) add_error("Chybi prijmeni / The surname is missing");
    if (resident.first_name.empty()) add_error("Chybi jmeno / The first name is missing");

    if (house_number.empty() && !cell(kAddress).empty()) {
      auto address = ParseAddress(cell(kAddress), resident.municipality);
      if (!address.ok()) {
        add_error("Adresa " + Quoted(cell(kAddress)) + ": " + address.error().message);
      } else if (address->house_number.empty()) {
        add_error("V adrese chybi cislo popisne / The address has no house number");
      } else {
        house_number = address->house_number;
        if (resident.street.empty()) resident.street = address->street;
        if (resident.orientation_number.empty()) {
          resident.orientation_number = address->orientation_number;
        }
      }
    } else if (house_number.empty()) {
      add_error("Chybi cislo popisne / The house number is missing");
    }
    if (!house_number.empty()) {
      if (!AllDigits(house_number) || house_number.size() > 6 ||
          NormalizeHouseNumber(house_number) == "0") {
        add_error("Cislo popisne " + Quoted(house_number) +
                  " neni cislo / The house number is not a number");
      } else {
        resident.house_number = NormalizeHouseNumber(house_number);
      }
    }
    if (!resident.orientation_number.empty() && !IsOrientationNumber(resident.orientation_number)) {
      add_error("Cislo orientacni " + Quoted(resident.orientation_number) +
                " neni cislo / The orientation number is not a number (with at most one letter)");
    } else if (!resident.orientation_number.empty()) {
      std::string normalized = resident.orientation_number;
      while (normalized.size() > 1 && normalized[0] == '0' && normalized[1] >= '0' &&
             normalized[1] <= '9') {
        normalized.erase(0, 1);
      }
      resident.orientation_number = std::move(normalized);
    }
    const std::string& year = cell(kBirthYear);
    if (!year.empty()) {
      const int value = AllDigits(year) && year.size() == 4 ? std::stoi(year) : -1;
      if (value < kMinBirthYear || value > max_birth_year) {
        add_error("Rok narozeni " + Quoted(year) +
                  " neni platny rok / The birth year is not a "
                  "plausible year (" +
                  std::to_string(kMinBirthYear) + "-" + std::to_string(max_birth_year) + ")");
      } else {
        resident.birth_year = value;
      }
    }
    if (result.errors.size() != errors_before) continue;

    if (!resident.street.empty() && !resident.municipality.empty() &&
        keys.Key(resident.street) == keys.Key(resident.municipality)) {
      resident.street.clear();
    }
    result.residents.push_back(std::move(resident));
  }
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return result;
}

}  // namespace smsinfo::residents
