// AuditStore over `audit_log` (append-only).
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {

Result<void> SqliteAuditStore::Append(const domain::AuditEntry& entry) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "INSERT INTO audit_log(org_id, user_id, actor, action, object, detail, at) "
        "VALUES (?,?,?,?,?,?,?)");
    BindId(*st, 1, entry.org_id);
    BindId(*st, 2, entry.user_id);
    st->bind(3, entry.actor);
    st->bind(4, entry.action);
    st->bind(5, entry.object);
    st->bind(6, entry.detail);
    BindTime(*st, 7, entry.at);
    st->exec();
    return Ok();
  });
}

Result<PageOf<domain::AuditEntry>> SqliteAuditStore::List(OrgId org, const AuditFilter& filter,
                                                          Page page) {
  page = ClampPage(page);
  const std::string where =
      " FROM audit_log WHERE org_id = ?1 AND substr(action, 1, length(?2)) = ?2 AND "
      "(?3 IS NULL OR user_id = ?3) AND (?6 IS NULL OR at >= ?6) AND (?7 IS NULL OR at < ?7)";
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, 1, org);
    st.bind(2, filter.action);
    BindId(st, 3, filter.user);
    BindTime(st, 6, filter.from);
    BindTime(st, 7, filter.to);
  };
  return db_.Tx([&]() -> Result<PageOf<domain::AuditEntry>> {
    PageOf<domain::AuditEntry> out;
    {
      auto count = db_.Prepare("SELECT COUNT(*)" + where);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    auto st = db_.Prepare("SELECT id, org_id, user_id, actor, action, object, detail, at" + where +
                          " ORDER BY id DESC LIMIT ?4 OFFSET ?5");
    bind(*st);
    st->bind(4, static_cast<int64_t>(page.limit));
    st->bind(5, static_cast<int64_t>(page.offset));
    while (st->executeStep()) {
      domain::AuditEntry e;
      e.id = IdAt<AuditId>(st->getColumn(0));
      e.org_id = IdAt<OrgId>(st->getColumn(1));
      e.user_id = OptIdAt<UserId>(st->getColumn(2));
      e.actor = st->getColumn(3).getString();
      e.action = st->getColumn(4).getString();
      e.object = st->getColumn(5).getString();
      e.detail = st->getColumn(6).getString();
      e.at = TimeAt(st->getColumn(7));
      out.items.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace smsinfo::storage::sqlite
