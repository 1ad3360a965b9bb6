// SessionStore over `sessions`: signed-in browsers, keyed by the SHA-256 of the session id.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {

Result<void> SqliteSessionStore::Create(const Session& session) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "INSERT INTO sessions(id_hash, user_id, org_id, csrf_token, created_at, last_seen_at, "
        "expires_at) VALUES (?,?,?,?,?,?,?)");
    st->bind(1, session.id_hash);
    BindId(*st, 2, session.user_id);
    BindId(*st, 3, session.org_id);
    st->bind(4, session.csrf_token);
    BindTime(*st, 5, session.created_at);
    BindTime(*st, 6, session.last_seen_at);
    BindTime(*st, 7, session.expires_at);
    st->exec();
    return Ok();
  });
}

Result<Session> SqliteSessionStore::Find(const std::string& id_hash) {
  return db_.Tx([&]() -> Result<Session> {
    auto st = db_.Prepare(
        "SELECT id_hash, user_id, org_id, csrf_token, created_at, last_seen_at, expires_at "
        "FROM sessions WHERE id_hash = ?");
    st->bind(1, id_hash);
    if (!st->executeStep()) return Error::NotFound("no such session");
    Session s;
    s.id_hash = st->getColumn(0).getString();
    s.user_id = IdAt<UserId>(st->getColumn(1));
    s.org_id = IdAt<OrgId>(st->getColumn(2));
    s.csrf_token = st->getColumn(3).getString();
    s.created_at = TimeAt(st->getColumn(4));
    s.last_seen_at = TimeAt(st->getColumn(5));
    s.expires_at = TimeAt(st->getColumn(6));
    return s;
  });
}

Result<void> SqliteSessionStore::Touch(const std::string& id_hash, TimePoint last_seen_at) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
    BindTime(*st, 1, last_seen_at);
    st->bind(2, id_hash);
    if (st->exec() == 0) return Error::NotFound("no such session");
    return Ok();
  });
}

Result<void> SqliteSessionStore::Delete(const std::string& id_hash) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("DELETE FROM sessions WHERE id_hash = ?");
    st->bind(1, id_hash);
    st->exec();
    return Ok();
  });
}

Result<std::int64_t> SqliteSessionStore::DeleteForUser(UserId user) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare("DELETE FROM sessions WHERE user_id = ?");
    BindId(*st, 1, user);
    return std::int64_t{st->exec()};
  });
}

Result<std::int64_t> SqliteSessionStore::DeleteExpired(TimePoint idle_before, TimePoint now) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare("DELETE FROM sessions WHERE last_seen_at < ? OR expires_at <= ?");
    BindTime(*st, 1, idle_before);
    BindTime(*st, 2, now);
    return std::int64_t{st->exec()};
  });
}

}  // namespace smsinfo::storage::sqlite
