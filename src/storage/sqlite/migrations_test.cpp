#include "storage/sqlite/migrations.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

TEST(Migrations, BringAnEmptyDatabaseToTheLatestVersion) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  auto before = SchemaVersion(**db);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, 0);
  auto applied = Migrate(**db);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, LatestSchemaVersion());
  auto after = SchemaVersion(**db);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, LatestSchemaVersion());
}

TEST(Migrations, RunOnceAndKeepDataOnReopen) {
  TempDbFile file;
  {
    auto store = OpenSqliteStore(file.path());
    ASSERT_TRUE(store.ok()) << store.error().message;
    domain::Organization o;
    o.name = "Vestec";
    ASSERT_TRUE((*store)->organizations().Create(o).ok());
  }
  {
    auto db = Db::Open(file.path());
    ASSERT_TRUE(db.ok());
    auto applied = Migrate(**db);
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(*applied, 0);
    auto rows = (*db)->Tx([&]() -> Result<std::int64_t> {
      auto st = (*db)->Prepare("SELECT COUNT(*) FROM schema_version");
      st->executeStep();
      return st->getColumn(0).getInt64();
    });
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, LatestSchemaVersion());
  }
  auto reopened = OpenSqliteStore(file.path());
  ASSERT_TRUE(reopened.ok());
  auto orgs = (*reopened)->organizations().List();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 1u);
  EXPECT_EQ(orgs->front().name, "Vestec");
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
