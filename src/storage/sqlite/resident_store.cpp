// ResidentStore over `residents` (with the caller's normalized keys) and `register_imports`.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"
#include "storage/sqlite/text_fold.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, org_id, surname, first_name, street, house_number, orientation_number, municipality, "
    "zip, birth_year";

domain::Resident ReadResident(SQLite::Statement& st) {
  domain::Resident r;
  r.id = IdAt<ResidentId>(st.getColumn(0));
  r.org_id = IdAt<OrgId>(st.getColumn(1));
  r.surname = st.getColumn(2).getString();
  r.first_name = st.getColumn(3).getString();
  r.street = st.getColumn(4).getString();
  r.house_number = st.getColumn(5).getString();
  r.orientation_number = st.getColumn(6).getString();
  r.municipality = st.getColumn(7).getString();
  r.zip = st.getColumn(8).getString();
  r.birth_year = st.getColumn(9).getInt();
  return r;
}

}  // namespace

Result<std::int64_t> SqliteResidentStore::ReplaceAll(OrgId org,
                                                     std::span<const domain::Resident> residents,
                                                     std::span<const ResidentKeys> keys,
                                                     TimePoint now) {
  if (residents.size() != keys.size()) {
    return Error::InvalidInput("every resident needs its keys");
  }
  return db_.Tx([&]() -> Result<std::int64_t> {
    {
      auto clear = db_.Prepare("DELETE FROM residents WHERE org_id = ?");
      BindId(*clear, 1, org);
      clear->exec();
    }
    auto st = db_.Prepare(
        "INSERT INTO residents(org_id, surname, first_name, street, house_number, "
        "orientation_number, municipality, zip, birth_year, surname_key, first_name_key, "
        "street_key, sort_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < residents.size(); ++i) {
      const domain::Resident& r = residents[i];
      st->tryReset();
      BindId(*st, 1, org);
      st->bind(2, r.surname);
      st->bind(3, r.first_name);
      st->bind(4, r.street);
      st->bind(5, r.house_number);
      st->bind(6, r.orientation_number);
      st->bind(7, r.municipality);
      st->bind(8, r.zip);
      st->bind(9, r.birth_year);
      st->bind(10, keys[i].surname_key);
      st->bind(11, keys[i].first_name_key);
      st->bind(12, keys[i].street_key);
      const std::string sort_key = CzechSortKey(r.surname + ' ' + r.first_name);
      st->bind(13, sort_key.data(), static_cast<int>(sort_key.size()));
      st->exec();
    }
    auto imported = db_.Prepare(
        "INSERT INTO register_imports(org_id, imported_at, resident_count) VALUES (?,?,?) "
        "ON CONFLICT(org_id) DO UPDATE SET imported_at = excluded.imported_at, "
        "resident_count = excluded.resident_count");
    BindId(*imported, 1, org);
    BindTime(*imported, 2, now);
    imported->bind(3, static_cast<int64_t>(residents.size()));
    imported->exec();
    return static_cast<std::int64_t>(residents.size());
  });
}

Result<domain::Resident> SqliteResidentStore::Get(OrgId org, ResidentId id) {
  return db_.Tx([&]() -> Result<domain::Resident> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM residents WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (!st->executeStep()) {
      return Error::NotFound("resident " + std::to_string(id.value) + " does not exist");
    }
    return ReadResident(*st);
  });
}

Result<std::vector<domain::Resident>> SqliteResidentStore::FindByHouseNumber(
    OrgId org, const std::string& house_number) {
  return db_.Tx([&]() -> Result<std::vector<domain::Resident>> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM residents WHERE org_id = ? AND house_number = ? ORDER BY id");
    BindId(*st, 1, org);
    st->bind(2, house_number);
    std::vector<domain::Resident> out;
    while (st->executeStep()) out.push_back(ReadResident(*st));
    return out;
  });
}

Result<std::vector<domain::Resident>> SqliteResidentStore::FindBySurnameKey(
    OrgId org, const std::string& surname_key) {
  return db_.Tx([&]() -> Result<std::vector<domain::Resident>> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM residents WHERE org_id = ? AND surname_key = ? ORDER BY id");
    BindId(*st, 1, org);
    st->bind(2, surname_key);
    std::vector<domain::Resident> out;
    while (st->executeStep()) out.push_back(ReadResident(*st));
    return out;
  });
}

Result<std::vector<domain::Resident>> SqliteResidentStore::FindBySurnameAndNumbers(
    OrgId org, const std::string& surname_key, std::span<const std::string> numbers) {
  std::vector<domain::Resident> out;
  if (numbers.empty()) return out;
  // Plain comparisons keep the indexes usable; letters are tried in both cases ("12a", "12A").
  std::vector<std::string> variants;
  for (const auto& n : numbers) {
    variants.push_back(n);
    std::string upper = n;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper != n) variants.push_back(upper);
  }
  std::string in = "?";
  for (std::size_t i = 1; i < variants.size(); ++i) in += ",?";
  return db_.Tx([&]() -> Result<std::vector<domain::Resident>> {
    // Two index lookups (surname + house number, surname + orientation number), not an OR
    // that would scan every resident with that surname.
    const std::string select = std::string("SELECT ") + kColumns +
                               " FROM residents WHERE org_id = ? AND surname_key = ? AND ";
    auto st = db_.Prepare(select + "house_number IN (" + in + ") UNION " + select +
                          "orientation_number IN (" + in + ") ORDER BY id");
    int index = 1;
    for (int pass = 0; pass < 2; ++pass) {
      BindId(*st, index++, org);
      st->bind(index++, surname_key);
      for (const auto& n : variants) st->bind(index++, n);
    }
    while (st->executeStep()) out.push_back(ReadResident(*st));
    return out;
  });
}

Result<PageOf<domain::Resident>> SqliteResidentStore::List(OrgId org, const std::string& q_key,
                                                           Page page) {
  page = ClampPage(page);
  const std::string where =
      " FROM residents WHERE org_id = ?1 AND (?2 = '' OR (surname_key || ' ' || first_name_key || "
      "' ' || street_key) LIKE '%' || ?2 || '%' ESCAPE '\\')";
  const std::string pattern = EscapeLike(q_key);
  return db_.Tx([&]() -> Result<PageOf<domain::Resident>> {
    PageOf<domain::Resident> out;
    {
      auto count = db_.Prepare("SELECT COUNT(*)" + where);
      BindId(*count, 1, org);
      count->bind(2, pattern);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    auto st = db_.Prepare(std::string("SELECT ") + kColumns + where +
                          " ORDER BY sort_key, id LIMIT ?3 OFFSET ?4");
    BindId(*st, 1, org);
    st->bind(2, pattern);
    st->bind(3, static_cast<int64_t>(page.limit));
    st->bind(4, static_cast<int64_t>(page.offset));
    while (st->executeStep()) out.items.push_back(ReadResident(*st));
    return out;
  });
}

Result<std::optional<TimePoint>> SqliteResidentStore::LastImportedAt(OrgId org) {
  return db_.Tx([&]() -> Result<std::optional<TimePoint>> {
    auto st = db_.Prepare("SELECT imported_at FROM register_imports WHERE org_id = ?");
    BindId(*st, 1, org);
    if (!st->executeStep()) return std::optional<TimePoint>();
    return std::optional<TimePoint>(TimeAt(st->getColumn(0)));
  });
}

}  // namespace smsinfo::storage::sqlite
