// The one SQLite connection behind the store: pragmas, a recursive mutex that serializes every
// call, transactions (BEGIN IMMEDIATE outside, SAVEPOINT when nested) and a cache of prepared
// statements. Thread safety: every method may be called from any thread; Tx holds the mutex for
// the whole transaction, so work on other threads waits until it ends.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>

#include "base/result.hpp"

namespace smsinfo::storage::sqlite {

// A cached prepared statement, reset and unbound when handed out and reset again when the
// handle goes out of scope (so no read stays open). Do not hold two handles to the same SQL.
class Stmt {
 public:
  explicit Stmt(SQLite::Statement& statement) : statement_(&statement) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { statement_->tryReset(); }
  SQLite::Statement* operator->() const { return statement_; }
  SQLite::Statement& operator*() const { return *statement_; }

 private:
  SQLite::Statement* statement_;
};

// Maps an SQLite failure to the store's error kinds: unique/primary-key violations are
// kConflict, foreign-key violations kNotFound, a busy database kUnavailable, the rest kInternal.
Error ErrorFromSqlite(const SQLite::Exception& e);

class Db {
 public:
  // Opens or creates the file and sets the pragmas. Does not migrate.
  static Result<std::unique_ptr<Db>> Open(const std::string& path);

  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs `work` (returning Result<T>) in a transaction on this thread: committed if it returns
  // ok, rolled back on an error or an exception (SQLite exceptions become errors, others are
  // rethrown). Nested calls on the same thread become savepoints of the outer transaction.
  template <class F>
  auto Tx(F&& work) -> decltype(work()) {
    using R = decltype(work());
    std::lock_guard lock(mutex_);
    if (auto begin_error = Begin()) return *begin_error;
    R result = Error::Internal("transaction did not run");
    try {
      result = work();
    } catch (const SQLite::Exception& e) {
      Rollback();
      return ErrorFromSqlite(e);
    } catch (...) {
      Rollback();
      throw;
    }
    if (!result.ok()) {
      Rollback();
      return result;
    }
    if (auto commit_error = Commit()) return *commit_error;
    return result;
  }

  // The cached statement for `sql`, prepared on first use. Call only inside Tx.
  Stmt Prepare(const std::string& sql);
  // Runs statements without results (schema changes). Call only inside Tx or at start-up.
  void Exec(const std::string& sql) { db_.exec(sql); }
  std::int64_t LastInsertId() const { return db_.getLastInsertRowid(); }
  int Changes() const { return db_.getChanges(); }
  // True while a transaction is open on the calling thread (the mutex is held).
  bool InTransaction() const { return depth_ > 0; }

 private:
  explicit Db(const std::string& path);
  // Begin and Commit return an error instead of throwing; a failed Commit has rolled back.
  std::optional<Error> Begin();
  std::optional<Error> Commit();
  void Rollback() noexcept;

  SQLite::Database db_;
  std::recursive_mutex mutex_;
  int depth_ = 0;  // open transaction levels; guarded by mutex_
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace smsinfo::storage::sqlite
