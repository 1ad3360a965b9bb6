// ContactStore over `contacts` and `group_members`. Each contact carries `search_text`, the
// folded concatenation of its searchable fields, and `street_key`, its folded street.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"
#include "storage/sqlite/text_fold.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, org_id, phone, surname, first_name, street, house_number, orientation_number, company, "
    "status, source, created_at, updated_at";

domain::Contact ReadContact(SQLite::Statement& st) {
  domain::Contact c;
  c.id = IdAt<ContactId>(st.getColumn(0));
  c.org_id = IdAt<OrgId>(st.getColumn(1));
  c.phone = st.getColumn(2).getString();
  c.surname = st.getColumn(3).getString();
  c.first_name = st.getColumn(4).getString();
  c.street = st.getColumn(5).getString();
  c.house_number = st.getColumn(6).getString();
  c.orientation_number = st.getColumn(7).getString();
  c.company = st.getColumn(8).getString();
  c.status = EnumOr(domain::ParseContactStatus(st.getColumn(9).getString()),
                    domain::ContactStatus::kActive);
  c.source = EnumOr(domain::ParseContactSource(st.getColumn(10).getString()),
                    domain::ContactSource::kManual);
  c.created_at = TimeAt(st.getColumn(11));
  c.updated_at = TimeAt(st.getColumn(12));
  return c;
}

std::string SearchText(const domain::Contact& c) {
  return FoldForSearch(c.surname + ' ' + c.first_name + ' ' + c.phone + ' ' + c.street + ' ' +
                       c.company);
}

// The key of the contacts list's order: surname, then first name, as Czech sorts them.
std::string SortKey(const domain::Contact& c) {
  return CzechSortKey(c.surname + ' ' + c.first_name);
}

// Binds the shared columns to 1..13: phone, surname, first_name, street, street_key,
// house_number, orientation_number, company, status, source, search_text, updated_at, sort_key.
void BindContact(SQLite::Statement& st, const domain::Contact& c) {
  st.bind(1, c.phone);
  st.bind(2, c.surname);
  st.bind(3, c.first_name);
  st.bind(4, c.street);
  st.bind(5, FoldForSearch(c.street));
  st.bind(6, c.house_number);
  st.bind(7, c.orientation_number);
  st.bind(8, c.company);
  st.bind(9, domain::ToString(c.status));
  st.bind(10, domain::ToString(c.source));
  st.bind(11, SearchText(c));
  BindTime(st, 12, c.updated_at);
  const std::string key = SortKey(c);
  st.bind(13, key.data(), static_cast<int>(key.size()));
}

Error PhoneTaken(const std::string& phone) {
  return Error::Conflict("a contact with the phone " + phone + " already exists");
}

}  // namespace

Result<void> SqliteContactStore::ReplaceMemberships(const domain::Contact& contact) {
  auto clear = db_.Prepare("DELETE FROM group_members WHERE contact_id = ?");
  BindId(*clear, 1, contact.id);
  clear->exec();
  auto group = db_.Prepare("SELECT 1 FROM contact_groups WHERE id = ? AND org_id = ?");
  auto add = db_.Prepare("INSERT OR IGNORE INTO group_members(group_id, contact_id) VALUES (?,?)");
  for (GroupId g : contact.groups) {
    group->tryReset();
    BindId(*group, 1, g);
    BindId(*group, 2, contact.org_id);
    if (!group->executeStep()) {
      return Error::NotFound("group " + std::to_string(g.value) + " does not exist");
    }
    add->tryReset();
    BindId(*add, 1, g);
    BindId(*add, 2, contact.id);
    add->exec();
  }
  return Ok();
}

Result<void> SqliteContactStore::LoadGroups(domain::Contact& contact) {
  auto st =
      db_.Prepare("SELECT group_id FROM group_members WHERE contact_id = ? ORDER BY group_id");
  BindId(*st, 1, contact.id);
  contact.groups.clear();
  while (st->executeStep()) contact.groups.push_back(IdAt<GroupId>(st->getColumn(0)));
  return Ok();
}

Result<domain::Contact> SqliteContactStore::Create(const domain::Contact& contact) {
  auto result = db_.Tx([&]() -> Result<domain::Contact> {
    auto st = db_.Prepare(
        "INSERT INTO contacts(phone, surname, first_name, street, street_key, house_number, "
        "orientation_number, company, status, source, search_text, updated_at, sort_key, org_id, "
        "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    BindContact(*st, contact);
    BindId(*st, 14, contact.org_id);
    BindTime(*st, 15, contact.created_at);
    st->exec();
    domain::Contact created = contact;
    created.id = ContactId(db_.LastInsertId());
    SMSINFO_TRY(ReplaceMemberships(created));
    SMSINFO_TRY(LoadGroups(created));
    return created;
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) {
    return PhoneTaken(contact.phone);
  }
  return result;
}

Result<domain::Contact> SqliteContactStore::Get(OrgId org, ContactId id) {
  return db_.Tx([&]() -> Result<domain::Contact> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM contacts WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (!st->executeStep()) {
      return Error::NotFound("contact " + std::to_string(id.value) + " does not exist");
    }
    domain::Contact c = ReadContact(*st);
    SMSINFO_TRY(LoadGroups(c));
    return c;
  });
}

Result<domain::Contact> SqliteContactStore::FindByPhone(OrgId org, const std::string& e164) {
  return db_.Tx([&]() -> Result<domain::Contact> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM contacts WHERE org_id = ? AND phone = ?");
    BindId(*st, 1, org);
    st->bind(2, e164);
    if (!st->executeStep()) return Error::NotFound("no contact has the phone " + e164);
    domain::Contact c = ReadContact(*st);
    SMSINFO_TRY(LoadGroups(c));
    return c;
  });
}

Result<domain::Contact> SqliteContactStore::Update(const domain::Contact& contact) {
  auto result = db_.Tx([&]() -> Result<domain::Contact> {
    auto st = db_.Prepare(
        "UPDATE contacts SET phone=?, surname=?, first_name=?, street=?, street_key=?, "
        "house_number=?, orientation_number=?, company=?, status=?, source=?, search_text=?, "
        "updated_at=?, sort_key=? WHERE id=? AND org_id=?");
    BindContact(*st, contact);
    BindId(*st, 14, contact.id);
    BindId(*st, 15, contact.org_id);
    if (st->exec() == 0) {
      return Error::NotFound("contact " + std::to_string(contact.id.value) + " does not exist");
    }
    SMSINFO_TRY(ReplaceMemberships(contact));
    return Get(contact.org_id, contact.id);
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) {
    return PhoneTaken(contact.phone);
  }
  return result;
}

Result<void> SqliteContactStore::Delete(OrgId org, ContactId id) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("DELETE FROM contacts WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (st->exec() == 0) {
      return Error::NotFound("contact " + std::to_string(id.value) + " does not exist");
    }
    return Ok();
  });
}

Result<std::int64_t> BackfillSortKeys(Db& db, SortKeyedTable table) {
  const std::string name = table == SortKeyedTable::kContacts ? "contacts" : "residents";
  return db.Tx([&]() -> Result<std::int64_t> {
    auto select =
        db.Prepare("SELECT id, surname, first_name FROM " + name + " WHERE sort_key = x''");
    std::vector<std::pair<std::int64_t, std::string>> keys;
    while (select->executeStep()) {
      keys.emplace_back(
          select->getColumn(0).getInt64(),
          CzechSortKey(select->getColumn(1).getString() + ' ' + select->getColumn(2).getString()));
    }
    auto update = db.Prepare("UPDATE " + name + " SET sort_key = ? WHERE id = ?");
    for (const auto& [id, key] : keys) {
      update->tryReset();
      update->bind(1, key.data(), static_cast<int>(key.size()));
      update->bind(2, id);
      update->exec();
    }
    return static_cast<std::int64_t>(keys.size());
  });
}

ContactListSql ContactListQueries(const ContactFilter& filter) {
  // The WHERE clause has a fixed shape per combination of filters, so each combination is one
  // cached statement. Parameters are named so that the clauses can be combined freely.
  std::string where = " WHERE org_id = :org";
  if (!filter.phone.empty()) where += " AND phone = :phone";
  if (!filter.q.empty()) where += " AND search_text LIKE :q ESCAPE '\\'";
  // IN (not a correlated EXISTS): the planner may start from the group's members (a few
  // thousand rowid look-ups) instead of probing the group once per contact.
  if (filter.group) {
    where += " AND id IN (SELECT m.contact_id FROM group_members m WHERE m.group_id = :group)";
  }
  if (!filter.street.empty()) where += " AND street_key = :street";
  if (filter.status) where += " AND status = :status";
  return {"SELECT COUNT(*) FROM contacts" + where,
          std::string("SELECT ") + kColumns + " FROM contacts" + where +
              " ORDER BY sort_key, id LIMIT :limit OFFSET :offset"};
}

Result<PageOf<domain::Contact>> SqliteContactStore::List(OrgId org, const ContactFilter& filter,
                                                         Page page) {
  page = ClampPage(page);
  const ContactListSql sql = ContactListQueries(filter);
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, st.getIndex(":org"), org);
    if (!filter.phone.empty()) st.bind(":phone", filter.phone);
    if (!filter.q.empty()) st.bind(":q", '%' + EscapeLike(FoldForSearch(filter.q)) + '%');
    if (filter.group) st.bind(":group", static_cast<int64_t>(filter.group->value));
    if (!filter.street.empty()) st.bind(":street", FoldForSearch(filter.street));
    if (filter.status) st.bind(":status", domain::ToString(*filter.status));
  };
  return db_.Tx([&]() -> Result<PageOf<domain::Contact>> {
    PageOf<domain::Contact> out;
    {
      auto count = db_.Prepare(sql.count);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    // A search that matches nothing (or a page past the end) needs no second scan.
    if (out.total > page.offset) {
      auto st = db_.Prepare(sql.page);
      bind(*st);
      st->bind(":limit", static_cast<int64_t>(page.limit));
      st->bind(":offset", static_cast<int64_t>(page.offset));
      while (st->executeStep()) out.items.push_back(ReadContact(*st));
    }
    for (domain::Contact& c : out.items) SMSINFO_TRY(LoadGroups(c));
    return out;
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqliteContactStore::Streets(OrgId org) {
  return db_.Tx([&]() -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
    auto st = db_.Prepare(
        "SELECT street, COUNT(*) FROM contacts WHERE org_id = ? AND status = 'active' AND "
        "street <> '' GROUP BY street ORDER BY street");
    BindId(*st, 1, org);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st->executeStep()) {
      out.emplace_back(st->getColumn(0).getString(), st->getColumn(1).getInt64());
    }
    return out;
  });
}

}  // namespace smsinfo::storage::sqlite
