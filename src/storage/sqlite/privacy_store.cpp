// PrivacyStore: erasure of one phone number's personal data across the tables.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {

Result<std::int64_t> SqlitePrivacyStore::ErasePhone(OrgId org, const std::string& phone) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    std::int64_t touched = 0;
    auto run = [&](const char* sql) {
      auto st = db_.Prepare(sql);
      BindId(*st, 1, org);
      st->bind(2, phone);
      touched += st->exec();
    };
    {
      // Memberships go with the contact (ON DELETE CASCADE); count them first.
      auto st = db_.Prepare(
          "SELECT COUNT(*) FROM group_members m JOIN contacts c ON c.id = m.contact_id "
          "WHERE c.org_id = ? AND c.phone = ?");
      BindId(*st, 1, org);
      st->bind(2, phone);
      st->executeStep();
      touched += st->getColumn(0).getInt64();
    }
    run("DELETE FROM contacts WHERE org_id = ? AND phone = ?");
    run("DELETE FROM registrations WHERE org_id = ? AND phone = ?");
    run("UPDATE inbound_sms SET from_number = 'anonymized', text = '', contact_id = NULL "
        "WHERE org_id = ? AND from_number = ?");
    run("DELETE FROM inbound_parts WHERE org_id = ? AND from_number = ?");
    run("UPDATE deliveries SET phone = '', contact_id = NULL WHERE org_id = ? AND phone = ? AND "
        "state IN ('delivered', 'undeliverable', 'expired', 'failed', 'cancelled')");
    return touched;
  });
}

}  // namespace smsinfo::storage::sqlite
