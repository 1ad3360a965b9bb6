#include "storage/sqlite/sqlite_db.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

std::int64_t CountRows(Db& db) {
  auto n = db.Tx([&]() -> Result<std::int64_t> {
    auto st = db.Prepare("SELECT COUNT(*) FROM t");
    st->executeStep();
    return st->getColumn(0).getInt64();
  });
  return n.ok() ? *n : -1;
}

Result<void> Insert(Db& db, int value) {
  return db.Tx([&]() -> Result<void> {
    auto st = db.Prepare("INSERT INTO t(v) VALUES (?)");
    st->bind(1, value);
    st->exec();
    return Ok();
  });
}

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Db::Open(":memory:");
    ASSERT_TRUE(opened.ok());
    db_ = std::move(*opened);
    db_->Exec("CREATE TABLE t (v INTEGER PRIMARY KEY)");
  }
  std::unique_ptr<Db> db_;
};

TEST_F(DbTest, CommitsWhenWorkSucceeds) {
  ASSERT_TRUE(Insert(*db_, 1).ok());
  EXPECT_EQ(CountRows(*db_), 1);
}

TEST_F(DbTest, RollsBackWhenWorkReturnsAnError) {
  auto result = db_->Tx([&]() -> Result<void> {
    EXPECT_TRUE(Insert(*db_, 1).ok());
    return Error::InvalidInput("no");
  });
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(CountRows(*db_), 0);
}

TEST_F(DbTest, RollsBackAndRethrowsOnAForeignException) {
  EXPECT_THROW((void)db_->Tx([&]() -> Result<void> {
    EXPECT_TRUE(Insert(*db_, 1).ok());
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(CountRows(*db_), 0);
  EXPECT_FALSE(db_->InTransaction());
}

TEST_F(DbTest, FailedNestedCallRollsBackOnlyItsSavepoint) {
  auto result = db_->Tx([&]() -> Result<void> {
    EXPECT_TRUE(Insert(*db_, 1).ok());
    auto duplicate = Insert(*db_, 1);
    EXPECT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
    return Insert(*db_, 2);
  });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(CountRows(*db_), 2);
}

TEST_F(DbTest, MapsUniqueViolationToConflict) {
  ASSERT_TRUE(Insert(*db_, 7).ok());
  auto again = Insert(*db_, 7);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(SqliteStore, OpensAFileInWalMode) {
  TempDbFile file;
  {
    auto opened = Db::Open(file.path());
    ASSERT_TRUE(opened.ok());
    auto mode = (*opened)->Tx([&]() -> Result<std::string> {
      auto st = (*opened)->Prepare("PRAGMA journal_mode");
      st->executeStep();
      return st->getColumn(0).getString();
    });
    ASSERT_TRUE(mode.ok());
    EXPECT_EQ(*mode, "wal");
  }
}

TEST(SqliteStore, ReportsAnUnopenableFileAsUnavailable) {
  auto opened = OpenSqliteStore("/nonexistent-dir/x/y.db");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
