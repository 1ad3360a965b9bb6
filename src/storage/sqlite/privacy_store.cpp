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

Result<std::int64_t> SqlitePrivacyStore::ForgetPhonesOfFinishedErasureReplies() {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare(
        "UPDATE deliveries SET phone = '', contact_id = NULL WHERE phone <> '' AND "
        "state IN ('delivered', 'undeliverable', 'expired', 'failed', 'cancelled') AND "
        "message_id IN (SELECT m.id FROM messages m JOIN inbound_sms i ON i.id = m.in_reply_to "
        "WHERE i.from_number = 'anonymized')");
    return static_cast<std::int64_t>(st->exec());
  });
}

Result<std::vector<PrivacyStore::PhoneDelivery>> SqlitePrivacyStore::DeliveriesTo(
    OrgId org, const std::string& phone, std::size_t limit) {
  return db_.Tx([&]() -> Result<std::vector<PhoneDelivery>> {
    auto st = db_.Prepare(
        "SELECT d.id, d.message_id, d.org_id, d.phone, d.contact_id, d.state, d.attempts, "
        "d.parts_total, d.parts_delivered, d.error, d.updated_at, m.text, m.created_at "
        "FROM deliveries d JOIN messages m ON m.id = d.message_id "
        "WHERE d.org_id = ? AND d.phone = ? ORDER BY d.id DESC LIMIT ?");
    BindId(*st, 1, org);
    st->bind(2, phone);
    st->bind(3, static_cast<int64_t>(limit));
    std::vector<PhoneDelivery> out;
    while (st->executeStep()) {
      PhoneDelivery p;
      domain::Delivery& d = p.delivery;
      d.id = IdAt<DeliveryId>(st->getColumn(0));
      d.message_id = IdAt<MessageId>(st->getColumn(1));
      d.org_id = IdAt<OrgId>(st->getColumn(2));
      d.phone = st->getColumn(3).getString();
      d.contact_id = OptIdAt<ContactId>(st->getColumn(4));
      d.state = EnumOr(domain::ParseDeliveryState(st->getColumn(5).getString()),
                       domain::DeliveryState::kQueued);
      d.attempts = st->getColumn(6).getInt();
      d.parts_total = st->getColumn(7).getInt();
      d.parts_delivered = st->getColumn(8).getInt();
      d.error = st->getColumn(9).getString();
      d.updated_at = TimeAt(st->getColumn(10));
      p.message_text = st->getColumn(11).getString();
      p.message_created_at = TimeAt(st->getColumn(12));
      out.push_back(std::move(p));
    }
    return out;
  });
}

}  // namespace smsinfo::storage::sqlite
