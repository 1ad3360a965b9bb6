// RegistrationStore over `registrations`; ambiguous candidates are a JSON array of ids.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, org_id, phone, surname, first_name, street, house_number, orientation_number, company, "
    "status, match, resident_id, candidates, inbound_id, created_at, decided_at, decided_by";

domain::Registration ReadRegistration(SQLite::Statement& st) {
  domain::Registration r;
  r.id = IdAt<RegistrationId>(st.getColumn(0));
  r.org_id = IdAt<OrgId>(st.getColumn(1));
  r.phone = st.getColumn(2).getString();
  r.surname = st.getColumn(3).getString();
  r.first_name = st.getColumn(4).getString();
  r.street = st.getColumn(5).getString();
  r.house_number = st.getColumn(6).getString();
  r.orientation_number = st.getColumn(7).getString();
  r.company = st.getColumn(8).getString();
  r.status = EnumOr(domain::ParseRegistrationStatus(st.getColumn(9).getString()),
                    domain::RegistrationStatus::kPending);
  r.match = EnumOr(domain::ParseMatchOutcome(st.getColumn(10).getString()),
                   domain::MatchOutcome::kUnmatched);
  r.resident_id = OptIdAt<ResidentId>(st.getColumn(11));
  r.candidates = IdsFromJson(st.getColumn(12).getString());
  r.inbound_id = OptIdAt<InboundId>(st.getColumn(13));
  r.created_at = TimeAt(st.getColumn(14));
  r.decided_at = OptTimeAt(st.getColumn(15));
  r.decided_by = OptIdAt<UserId>(st.getColumn(16));
  return r;
}

Error NoRegistration(RegistrationId id) {
  return Error::NotFound("registration " + std::to_string(id.value) + " does not exist");
}

}  // namespace

Result<domain::Registration> SqliteRegistrationStore::Create(const domain::Registration& r) {
  return db_.Tx([&]() -> Result<domain::Registration> {
    auto st = db_.Prepare(
        "INSERT INTO registrations(org_id, phone, surname, first_name, street, house_number, "
        "orientation_number, company, status, match, resident_id, candidates, inbound_id, "
        "created_at, decided_at, decided_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    BindId(*st, 1, r.org_id);
    st->bind(2, r.phone);
    st->bind(3, r.surname);
    st->bind(4, r.first_name);
    st->bind(5, r.street);
    st->bind(6, r.house_number);
    st->bind(7, r.orientation_number);
    st->bind(8, r.company);
    st->bind(9, domain::ToString(r.status));
    st->bind(10, domain::ToString(r.match));
    BindId(*st, 11, r.resident_id);
    st->bind(12, IdsToJson(r.candidates));
    BindId(*st, 13, r.inbound_id);
    BindTime(*st, 14, r.created_at);
    BindTime(*st, 15, r.decided_at);
    BindId(*st, 16, r.decided_by);
    st->exec();
    domain::Registration created = r;
    created.id = RegistrationId(db_.LastInsertId());
    return created;
  });
}

Result<domain::Registration> SqliteRegistrationStore::Get(OrgId org, RegistrationId id) {
  return db_.Tx([&]() -> Result<domain::Registration> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM registrations WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (!st->executeStep()) return NoRegistration(id);
    return ReadRegistration(*st);
  });
}

Result<PageOf<domain::Registration>> SqliteRegistrationStore::List(OrgId org,
                                                                   const RegistrationFilter& filter,
                                                                   Page page) {
  page = ClampPage(page);
  const std::string where =
      " FROM registrations WHERE org_id = ?1 AND (?2 IS NULL OR status = ?2) AND "
      "(?3 = '' OR phone = ?3)";
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, 1, org);
    if (filter.status) {
      st.bind(2, domain::ToString(*filter.status));
    } else {
      st.bind(2);
    }
    st.bind(3, filter.phone);
  };
  return db_.Tx([&]() -> Result<PageOf<domain::Registration>> {
    PageOf<domain::Registration> out;
    {
      auto count = db_.Prepare("SELECT COUNT(*)" + where);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    auto st = db_.Prepare(std::string("SELECT ") + kColumns + where +
                          " ORDER BY id DESC LIMIT ?4 OFFSET ?5");
    bind(*st);
    st->bind(4, static_cast<int64_t>(page.limit));
    st->bind(5, static_cast<int64_t>(page.offset));
    while (st->executeStep()) out.items.push_back(ReadRegistration(*st));
    return out;
  });
}

Result<domain::Registration> SqliteRegistrationStore::Decide(OrgId org, RegistrationId id,
                                                             domain::RegistrationStatus status,
                                                             std::optional<UserId> by,
                                                             TimePoint at) {
  return db_.Tx([&]() -> Result<domain::Registration> {
    auto current = Get(org, id);
    if (!current.ok()) return current.error();
    if (current->status != domain::RegistrationStatus::kPending) {
      return Error::Conflict("registration " + std::to_string(id.value) + " was already " +
                             domain::ToString(current->status));
    }
    auto st = db_.Prepare(
        "UPDATE registrations SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?");
    st->bind(1, domain::ToString(status));
    BindTime(*st, 2, at);
    BindId(*st, 3, by);
    BindId(*st, 4, id);
    st->exec();
    current->status = status;
    current->decided_at = at;
    current->decided_by = by;
    return current;
  });
}

Result<void> SqliteRegistrationStore::SupersedePending(OrgId org, const std::string& phone,
                                                       TimePoint at) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "UPDATE registrations SET status = 'rejected', decided_at = ?, decided_by = NULL "
        "WHERE org_id = ? AND phone = ? AND status = 'pending'");
    BindTime(*st, 1, at);
    BindId(*st, 2, org);
    st->bind(3, phone);
    st->exec();
    return Ok();
  });
}

}  // namespace smsinfo::storage::sqlite
