// Test helpers for the SQLite store tests: a fresh in-memory store with one organization, a
// temporary database file that cleans up after itself, and builders for common rows.
// Thread safety: test code, single thread.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::storage::sqlite {

inline TimePoint T0() { return FromUnixMillis(1'800'000'000'000); }

// A database file in /tmp removed (with its -wal and -shm) when the object goes away.
class TempDbFile {
 public:
  TempDbFile() {
    static int counter = 0;
    path_ = "/tmp/smsinfo_store_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(counter++) + ".db";
    Remove();
  }
  ~TempDbFile() { Remove(); }
  const std::string& path() const { return path_; }

 private:
  void Remove() {
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    std::remove((path_ + "-shm").c_str());
  }
  std::string path_;
};

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    org_ = MakeOrg("Vestec", "+420700000001");
  }

  OrgId MakeOrg(const std::string& name, const std::string& central_number) {
    domain::Organization o;
    o.name = name;
    o.central_number = central_number;
    auto created = store_->organizations().Create(o);
    EXPECT_TRUE(created.ok());
    return created.ok() ? created->id : OrgId();
  }

  domain::Contact ContactFor(const std::string& phone, const std::string& surname = "Novák",
                             const std::string& street = "Hlavní") {
    domain::Contact c;
    c.org_id = org_;
    c.phone = phone;
    c.surname = surname;
    c.first_name = "Jan";
    c.street = street;
    c.house_number = "12";
    c.created_at = T0();
    c.updated_at = T0();
    return c;
  }

  ContactId AddContact(const std::string& phone, const std::string& surname = "Novák",
                       const std::string& street = "Hlavní") {
    auto created = store_->contacts().Create(ContactFor(phone, surname, street));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : ContactId();
  }

  GroupId AddGroup(const std::string& name) {
    domain::Group g;
    g.org_id = org_;
    g.name = name;
    auto created = store_->groups().Create(g);
    EXPECT_TRUE(created.ok());
    return created.ok() ? created->id : GroupId();
  }

  domain::Message MessageAt(TimePoint send_at, int priority = domain::kPriorityNormal,
                            int segments = 1) {
    domain::Message m;
    m.org_id = org_;
    m.body = "Voda nepoteče";
    m.text = "SMS Info OU: Voda nepotece";
    m.segments = segments;
    m.priority = priority;
    m.send_at = send_at;
    m.expires_at = send_at + std::chrono::hours(24);
    m.created_at = send_at;
    return m;
  }

  std::unique_ptr<Store> store_;
  OrgId org_;
};

}  // namespace smsinfo::storage::sqlite
