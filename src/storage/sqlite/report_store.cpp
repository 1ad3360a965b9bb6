// ReportStore: counts for the overview screen, read from `messages`, `deliveries` and
// `inbound_sms`.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {

Result<MessageTotals> SqliteReportStore::Totals(OrgId org, TimePoint from, TimePoint to) {
  return db_.Tx([&]() -> Result<MessageTotals> {
    MessageTotals out;
    auto st = db_.Prepare(
        "SELECT (SELECT COUNT(*) FROM messages WHERE org_id = ?1 AND created_at >= ?2 AND "
        "created_at < ?3 AND kind <> 'confirmation'), COUNT(d.id), "
        "COALESCE(SUM(d.state = 'delivered'), 0), COALESCE(SUM(m.segments), 0) "
        "FROM messages m JOIN deliveries d ON d.message_id = m.id WHERE m.org_id = ?1 AND "
        "m.created_at >= ?2 AND m.created_at < ?3 AND m.kind <> 'confirmation'");
    BindId(*st, 1, org);
    BindTime(*st, 2, from);
    BindTime(*st, 3, to);
    if (st->executeStep()) {
      out.messages = st->getColumn(0).getInt64();
      out.recipients = st->getColumn(1).getInt64();
      out.delivered = st->getColumn(2).getInt64();
      out.segments = st->getColumn(3).getInt64();
    }
    return out;
  });
}

Result<std::int64_t> SqliteReportStore::UnreadReplies(OrgId org) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare(
        "SELECT COUNT(*) FROM inbound_sms WHERE org_id = ? AND kind = 'reply' AND read = 0");
    BindId(*st, 1, org);
    st->executeStep();
    return st->getColumn(0).getInt64();
  });
}

}  // namespace smsinfo::storage::sqlite
