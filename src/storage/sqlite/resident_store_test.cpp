#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

class ResidentStoreTest : public StoreTest {
 protected:
  void Import(const std::vector<std::pair<domain::Resident, ResidentKeys>>& rows, TimePoint at) {
    std::vector<domain::Resident> residents;
    std::vector<ResidentKeys> keys;
    for (const auto& [r, k] : rows) {
      residents.push_back(r);
      keys.push_back(k);
    }
    auto stored = store_->residents().ReplaceAll(org_, residents, keys, at);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(*stored, static_cast<std::int64_t>(rows.size()));
  }
  static std::pair<domain::Resident, ResidentKeys> Row(const std::string& surname,
                                                       const std::string& surname_key,
                                                       const std::string& house) {
    domain::Resident r;
    r.surname = surname;
    r.first_name = "Jan";
    r.street = "Hlavní";
    r.house_number = house;
    r.birth_year = 1970;
    return {r, ResidentKeys{surname_key, "jan", "hlavni"}};
  }
};

TEST_F(ResidentStoreTest, ReplaceAllSwapsTheRegisterAndRecordsTheImport) {
  EXPECT_FALSE(store_->residents().LastImportedAt(org_)->has_value());
  Import({Row("Novák", "novak", "12"), Row("Dvořák", "dvorak", "13")}, T0());
  Import({Row("Černý", "cerny", "14")}, T0() + Duration(1000));
  auto all = store_->residents().List(org_, "", Page{});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->total, 1);
  EXPECT_EQ(all->items[0].surname, "Černý");
  EXPECT_EQ(all->items[0].birth_year, 1970);
  EXPECT_EQ(**store_->residents().LastImportedAt(org_), T0() + Duration(1000));
}

TEST_F(ResidentStoreTest, FindsByHouseNumberSurnameKeyAndSubstring) {
  Import({Row("Novák", "novak", "12"), Row("Nováková", "novakova", "12"),
          Row("Dvořák", "dvorak", "13")},
         T0());
  EXPECT_EQ(store_->residents().FindByHouseNumber(org_, "12")->size(), 2u);
  auto by_key = store_->residents().FindBySurnameKey(org_, "dvorak");
  ASSERT_EQ(by_key->size(), 1u);
  EXPECT_EQ(by_key->front().house_number, "13");
  auto got = store_->residents().Get(org_, by_key->front().id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->surname, "Dvořák");
  EXPECT_EQ(store_->residents().List(org_, "novak", Page{})->total, 2);
  EXPECT_EQ(store_->residents().List(org_, "hlavni", Page{1, 0})->items.size(), 1u);
  EXPECT_EQ(store_->residents().Get(org_, ResidentId(999)).error().code, ErrorCode::kNotFound);
}

TEST_F(ResidentStoreTest, ListsInCzechOrder) {
  Import({Row("Žák", "zak", "1"), Row("Chalupa", "chalupa", "2"), Row("Čermák", "cermak", "3"),
          Row("Cibulka", "cibulka", "4"), Row("Hájek", "hajek", "5")},
         T0());
  auto all = store_->residents().List(org_, "", Page{});
  ASSERT_TRUE(all.ok());
  std::vector<std::string> order;
  for (const auto& r : all->items) order.push_back(r.surname);
  EXPECT_EQ(order, (std::vector<std::string>{"Cibulka", "Čermák", "Hájek", "Chalupa", "Žák"}));
}

TEST_F(ResidentStoreTest, RejectsMismatchedKeys) {
  std::vector<domain::Resident> residents(2);
  std::vector<ResidentKeys> keys(1);
  EXPECT_EQ(store_->residents().ReplaceAll(org_, residents, keys, T0()).error().code,
            ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
