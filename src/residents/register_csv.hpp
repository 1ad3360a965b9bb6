// Import of the municipality's residence register from the CSV files that agenda systems and
// spreadsheets export: UTF-8 (with or without BOM) or Windows-1250, ';' or ',' separated,
// Czech or English column names. ReadCsv is the general reader under it (also for contact
// import). Thread safety: pure functions, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/resident.hpp"
#include "storage/store.hpp"

namespace smsinfo::residents {

// A row that was rejected. `line` is 1-based in the file (the header is line 1); for a
// record with quoted newlines, the line where the record starts.
struct RowError {
  int line = 0;
  std::string message;  // Czech without diacritics / English
};

struct CsvTable {
  std::vector<std::string> header;             // the first non-blank record
  std::vector<std::vector<std::string>> rows;  // good records, each header.size() cells
  std::vector<int> row_lines;                  // rows[i] starts on line row_lines[i]
  std::string encoding;                        // "utf-8" or "windows-1250"
  char delimiter = ';';
  std::vector<RowError> errors;  // records with the wrong number of fields or a bad quote
};

// Decodes `bytes` (UTF-8 with or without BOM; anything that is not valid UTF-8 is read as
// Windows-1250), picks the delimiter from the header line (';' unless the header has more
// ',' than ';' outside quotes), and splits records per RFC 4180: quoted fields may hold the
// delimiter, doubled quotes and newlines; CRLF, LF or CR line ends; blank lines (and lines of
// empty fields only) are skipped. Cells are UTF-8, with spaces around unquoted cells
// trimmed. Empty trailing header columns are dropped, and so are empty trailing cells
// beyond the header's width.
// Whole-file errors (kInvalidInput): empty file, UTF-16 file, more than 2,000,000 records.
Result<CsvTable> ReadCsv(std::string_view bytes);

struct ParsedRegister {
  std::vector<domain::Resident> residents;  // org_id/id left empty
  std::vector<RowError> errors;  // every bad row; the caller rejects the file if non-empty
  std::string encoding;          // "utf-8" or "windows-1250"
  char delimiter = ';';
};

// Parses a register export. Header names are mapped case and accent blind, Czech and
// English: Příjmení/surname, Jméno/first_name/name, Ulice/street, Číslo popisné/cp/č.p./
// house_number, Číslo orientační/co/č.o./orientation_number, Obec/municipality, PSČ/zip,
// Rok narození/birth_year, and a combined Adresa/address (read with ParseAddress, used when
// there is no house number column or its cell is empty). Other columns are ignored.
// Required: surname, first name, house number (or address). House numbers lose leading
// zeros; a street equal to the row's municipality becomes "".
// Row errors (each with its line): wrong number of fields, unbalanced quote, missing required
// value, house number not a number, orientation number not a number (with at most one
// letter), birth year not a plausible year, field over 200 characters, unreadable address.
// Whole-file errors (kInvalidInput): those of ReadCsv, and no recognizable header (the
// message names the columns found and the ones needed).
Result<ParsedRegister> ParseRegisterCsv(std::string_view bytes);

// Matching keys of a resident: NormalizeKey of surname, first name and street.
storage::ResidentKeys KeysFor(const domain::Resident& r);

}  // namespace smsinfo::residents
