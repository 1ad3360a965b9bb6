#include "storage/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <string>

namespace smsinfo::storage::sqlite {

Error ErrorFromSqlite(const SQLite::Exception& e) {
  const int extended = e.getExtendedErrorCode();
  const int primary = e.getErrorCode();
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error::Conflict(std::string("already exists: ") + e.what());
  }
  if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Error::NotFound(std::string("refers to a missing row: ") + e.what());
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error::Unavailable(std::string("database is busy: ") + e.what());
  }
  return Error::Internal(std::string("database error: ") + e.what());
}

Db::Db(const std::string& path)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path) {
  try {
    std::unique_ptr<Db> db(new Db(path));
    db->db_.exec("PRAGMA busy_timeout=5000");
    db->db_.exec("PRAGMA journal_mode=WAL");
    db->db_.exec("PRAGMA synchronous=NORMAL");
    db->db_.exec("PRAGMA foreign_keys=ON");
    db->db_.exec("PRAGMA cache_size=-65536");  // 64 MiB: the hot indexes stay in memory
    db->db_.exec("PRAGMA temp_store=FILE");    // big recipient lists spill, memory stays flat
    return db;
  } catch (const SQLite::Exception& e) {
    return Error::Unavailable("cannot open database " + path + ": " + e.what());
  }
}

Stmt Db::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  }
  it->second->tryReset();
  it->second->clearBindings();
  return Stmt(*it->second);
}

std::optional<Error> Db::Begin() {
  try {
    if (depth_ == 0) {
      db_.exec("BEGIN IMMEDIATE");
    } else {
      db_.exec("SAVEPOINT sp" + std::to_string(depth_));
    }
  } catch (const SQLite::Exception& e) {
    return ErrorFromSqlite(e);
  }
  ++depth_;
  return std::nullopt;
}

std::optional<Error> Db::Commit() {
  const std::string sql = depth_ == 1 ? "COMMIT" : "RELEASE sp" + std::to_string(depth_ - 1);
  try {
    db_.exec(sql);
  } catch (const SQLite::Exception& e) {
    Rollback();
    return ErrorFromSqlite(e);
  }
  --depth_;
  return std::nullopt;
}

void Db::Rollback() noexcept {
  --depth_;
  if (depth_ == 0) {
    db_.tryExec("ROLLBACK");
  } else {
    const std::string name = "sp" + std::to_string(depth_);
    db_.tryExec(("ROLLBACK TO " + name).c_str());
    db_.tryExec(("RELEASE " + name).c_str());
  }
}

}  // namespace smsinfo::storage::sqlite
