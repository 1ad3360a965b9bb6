// OrganizationStore over the `organizations` table.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, name, central_number, prefix, signature, quiet_start_minute, quiet_end_minute, "
    "timezone, registration_policy, text_registration_received, text_registration_approved, "
    "text_registration_rejected, text_unregistered, text_help, price_per_segment_milli, "
    "transliterate_by_default";

domain::Organization ReadOrganization(SQLite::Statement& st) {
  domain::Organization o;
  o.id = IdAt<OrgId>(st.getColumn(0));
  o.name = st.getColumn(1).getString();
  o.central_number = st.getColumn(2).getString();
  o.prefix = st.getColumn(3).getString();
  o.signature = st.getColumn(4).getString();
  o.quiet_start_minute = st.getColumn(5).getInt();
  o.quiet_end_minute = st.getColumn(6).getInt();
  o.timezone = st.getColumn(7).getString();
  o.registration_policy = EnumOr(domain::ParseRegistrationPolicy(st.getColumn(8).getString()),
                                 domain::RegistrationPolicy::kManual);
  o.texts.registration_received = st.getColumn(9).getString();
  o.texts.registration_approved = st.getColumn(10).getString();
  o.texts.registration_rejected = st.getColumn(11).getString();
  o.texts.unregistered = st.getColumn(12).getString();
  o.texts.help = st.getColumn(13).getString();
  o.price_per_segment_milli = st.getColumn(14).getInt64();
  o.transliterate_by_default = st.getColumn(15).getInt() != 0;
  return o;
}

// Binds every column but id to parameters 1..15.
void BindOrganization(SQLite::Statement& st, const domain::Organization& o) {
  st.bind(1, o.name);
  st.bind(2, o.central_number);
  st.bind(3, o.prefix);
  st.bind(4, o.signature);
  st.bind(5, o.quiet_start_minute);
  st.bind(6, o.quiet_end_minute);
  st.bind(7, o.timezone);
  st.bind(8, domain::ToString(o.registration_policy));
  st.bind(9, o.texts.registration_received);
  st.bind(10, o.texts.registration_approved);
  st.bind(11, o.texts.registration_rejected);
  st.bind(12, o.texts.unregistered);
  st.bind(13, o.texts.help);
  st.bind(14, static_cast<int64_t>(o.price_per_segment_milli));
  st.bind(15, o.transliterate_by_default ? 1 : 0);
}

}  // namespace

Result<domain::Organization> SqliteOrganizationStore::Create(const domain::Organization& org) {
  return db_.Tx([&]() -> Result<domain::Organization> {
    auto st = db_.Prepare(
        "INSERT INTO organizations(name, central_number, prefix, signature, quiet_start_minute, "
        "quiet_end_minute, timezone, registration_policy, text_registration_received, "
        "text_registration_approved, text_registration_rejected, text_unregistered, text_help, "
        "price_per_segment_milli, transliterate_by_default) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    BindOrganization(*st, org);
    st->exec();
    domain::Organization created = org;
    created.id = OrgId(db_.LastInsertId());
    return created;
  });
}

Result<domain::Organization> SqliteOrganizationStore::Get(OrgId id) {
  return db_.Tx([&]() -> Result<domain::Organization> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns + " FROM organizations WHERE id = ?");
    BindId(*st, 1, id);
    if (!st->executeStep()) {
      return Error::NotFound("organization " + std::to_string(id.value) + " does not exist");
    }
    return ReadOrganization(*st);
  });
}

Result<domain::Organization> SqliteOrganizationStore::FindByCentralNumber(const std::string& e164) {
  return db_.Tx([&]() -> Result<domain::Organization> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM organizations WHERE central_number = ? AND central_number <> ''");
    st->bind(1, e164);
    if (!st->executeStep()) {
      return Error::NotFound("no organization has the central number " + e164);
    }
    return ReadOrganization(*st);
  });
}

Result<std::vector<domain::Organization>> SqliteOrganizationStore::List() {
  return db_.Tx([&]() -> Result<std::vector<domain::Organization>> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns + " FROM organizations ORDER BY id");
    std::vector<domain::Organization> out;
    while (st->executeStep()) out.push_back(ReadOrganization(*st));
    return out;
  });
}

Result<void> SqliteOrganizationStore::Update(const domain::Organization& org) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "UPDATE organizations SET name=?, central_number=?, prefix=?, signature=?, "
        "quiet_start_minute=?, quiet_end_minute=?, timezone=?, registration_policy=?, "
        "text_registration_received=?, text_registration_approved=?, "
        "text_registration_rejected=?, text_unregistered=?, text_help=?, "
        "price_per_segment_milli=?, transliterate_by_default=? WHERE id=?");
    BindOrganization(*st, org);
    BindId(*st, 16, org.id);
    if (st->exec() == 0) {
      return Error::NotFound("organization " + std::to_string(org.id.value) + " does not exist");
    }
    return Ok();
  });
}

}  // namespace smsinfo::storage::sqlite
