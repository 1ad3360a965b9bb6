#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/store_test_support.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

using ContactStoreTest = StoreTest;

TEST_F(ContactStoreTest, CreatesWithGroupsAndReadsBack) {
  GroupId hasici = AddGroup("Hasiči");
  domain::Contact c = ContactFor("+420720001676");
  c.groups = {hasici};
  c.company = "Pekárna";
  auto created = store_->contacts().Create(c);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto got = store_->contacts().Get(org_, created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->surname, "Novák");
  EXPECT_EQ(got->company, "Pekárna");
  ASSERT_EQ(got->groups.size(), 1u);
  EXPECT_EQ(got->groups[0], hasici);
  auto by_phone = store_->contacts().FindByPhone(org_, "+420720001676");
  ASSERT_TRUE(by_phone.ok());
  EXPECT_EQ(by_phone->id, created->id);
}

TEST_F(ContactStoreTest, RejectsADuplicatePhoneInTheSameOrganizationOnly) {
  AddContact("+420720001676");
  auto again = store_->contacts().Create(ContactFor("+420720001676"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  domain::Contact elsewhere = ContactFor("+420720001676");
  elsewhere.org_id = MakeOrg("Jesenice", "+420700000002");
  EXPECT_TRUE(store_->contacts().Create(elsewhere).ok());
}

TEST_F(ContactStoreTest, UnknownGroupLeavesNothingBehind) {
  domain::Contact c = ContactFor("+420720001676");
  c.groups = {GroupId(77)};
  auto created = store_->contacts().Create(c);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->contacts().FindByPhone(org_, "+420720001676").error().code,
            ErrorCode::kNotFound);
}

TEST_F(ContactStoreTest, UpdateReplacesFieldsAndMemberships) {
  GroupId a = AddGroup("A");
  GroupId b = AddGroup("B");
  domain::Contact c = ContactFor("+420720001676");
  c.groups = {a};
  auto created = store_->contacts().Create(c);
  ASSERT_TRUE(created.ok());
  created->surname = "Svoboda";
  created->groups = {b};
  auto updated = store_->contacts().Update(*created);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->surname, "Svoboda");
  ASSERT_EQ(updated->groups.size(), 1u);
  EXPECT_EQ(updated->groups[0], b);
  created->id = ContactId(999);
  EXPECT_EQ(store_->contacts().Update(*created).error().code, ErrorCode::kNotFound);
}

TEST_F(ContactStoreTest, UpdateToATakenPhoneIsAConflict) {
  AddContact("+420720000001");
  ContactId second = AddContact("+420720000002");
  auto c = store_->contacts().Get(org_, second);
  ASSERT_TRUE(c.ok());
  c->phone = "+420720000001";
  EXPECT_EQ(store_->contacts().Update(*c).error().code, ErrorCode::kConflict);
}

TEST_F(ContactStoreTest, DeleteRemovesContactAndMemberships) {
  GroupId g = AddGroup("G");
  domain::Contact c = ContactFor("+420720001676");
  c.groups = {g};
  auto created = store_->contacts().Create(c);
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(store_->contacts().Delete(org_, created->id).ok());
  EXPECT_EQ(store_->groups().Get(org_, g)->member_count, 0);
  EXPECT_EQ(store_->contacts().Delete(org_, created->id).error().code, ErrorCode::kNotFound);
}

TEST_F(ContactStoreTest, ListSearchesCaseAndAccentBlindAndPagesBySurname) {
  AddContact("+420720000001", "Řezníček", "Průběžná");
  AddContact("+420720000002", "Adámek", "Hlavní");
  AddContact("+420720000003", "Zelený", "Hlavní");
  ContactFilter by_q;
  by_q.q = "REZNI";
  auto found = store_->contacts().List(org_, by_q, Page{});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].surname, "Řezníček");

  ContactFilter by_street;
  by_street.street = "hlavni";
  auto page = store_->contacts().List(org_, by_street, Page{1, 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].surname, "Zelený");

  ContactFilter by_phone_part;
  by_phone_part.q = "0003";
  EXPECT_EQ(store_->contacts().List(org_, by_phone_part, Page{})->total, 1);
  ContactFilter wildcard;
  wildcard.q = "%";
  EXPECT_EQ(store_->contacts().List(org_, wildcard, Page{})->total, 0);
}

TEST_F(ContactStoreTest, ListFiltersByGroupStatusAndPhone) {
  GroupId g = AddGroup("G");
  domain::Contact member = ContactFor("+420720000001");
  member.groups = {g};
  ASSERT_TRUE(store_->contacts().Create(member).ok());
  domain::Contact inactive = ContactFor("+420720000002");
  inactive.status = domain::ContactStatus::kInactive;
  ASSERT_TRUE(store_->contacts().Create(inactive).ok());
  ContactFilter by_group;
  by_group.group = g;
  EXPECT_EQ(store_->contacts().List(org_, by_group, Page{})->total, 1);
  ContactFilter by_status;
  by_status.status = domain::ContactStatus::kInactive;
  auto inactive_page = store_->contacts().List(org_, by_status, Page{});
  ASSERT_EQ(inactive_page->total, 1);
  EXPECT_EQ(inactive_page->items[0].phone, "+420720000002");
  ContactFilter by_phone;
  by_phone.phone = "+420720000001";
  EXPECT_EQ(store_->contacts().List(org_, by_phone, Page{})->total, 1);
}

TEST_F(ContactStoreTest, ListCombinesGroupSearchAndStreetAndPagesInNameOrder) {
  GroupId g = AddGroup("Hasiči");
  GroupId other = AddGroup("Senioři");
  const struct {
    const char* phone;
    const char* surname;
    const char* street;
    GroupId group;
  } rows[] = {
      {"+420720000001", "Nováková", "Hlavní", g}, {"+420720000002", "Novák", "Hlavní", g},
      {"+420720000003", "Novotný", "Polní", g},   {"+420720000004", "Nováček", "Hlavní", other},
      {"+420720000005", "Dvořák", "Hlavní", g},   {"+420720000006", "Novák", "Hlavní", GroupId()}};
  for (const auto& r : rows) {
    domain::Contact c = ContactFor(r.phone, r.surname, r.street);
    if (r.group.value != 0) c.groups = {r.group};
    ASSERT_TRUE(store_->contacts().Create(c).ok());
  }
  ContactFilter f;
  f.group = g;
  f.q = "nov";
  f.street = "HLAVNÍ";
  auto first = store_->contacts().List(org_, f, Page{1, 0});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->total, 2);
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_EQ(first->items[0].surname, "Novák");
  ASSERT_EQ(first->items[0].groups.size(), 1u);
  EXPECT_EQ(first->items[0].groups[0], g);
  auto second = store_->contacts().List(org_, f, Page{1, 1});
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].surname, "Nováková");
  f.street.clear();
  EXPECT_EQ(store_->contacts().List(org_, f, Page{})->total, 3);
  auto past_the_end = store_->contacts().List(org_, f, Page{50, 3});
  ASSERT_TRUE(past_the_end.ok());
  EXPECT_EQ(past_the_end->total, 3);
  EXPECT_TRUE(past_the_end->items.empty());
}

TEST_F(ContactStoreTest, ListSortsInCzechOrder) {
  const char* surnames[] = {"Žák", "Chalupa", "Čermák", "Zeman", "Cibulka", "Hájek", "Šimek"};
  int n = 0;
  for (const char* surname : surnames) AddContact("+42072000000" + std::to_string(++n), surname);
  auto list = store_->contacts().List(org_, ContactFilter{}, Page{});
  ASSERT_TRUE(list.ok());
  std::vector<std::string> order;
  for (const auto& c : list->items) order.push_back(c.surname);
  EXPECT_EQ(order, (std::vector<std::string>{"Cibulka", "Čermák", "Hájek", "Chalupa", "Šimek",
                                             "Zeman", "Žák"}));
  // A renamed contact moves to its new place.
  auto first = store_->contacts().FindByPhone(org_, "+420720000005");  // Cibulka
  ASSERT_TRUE(first.ok());
  first->surname = "Ženíšek";
  ASSERT_TRUE(store_->contacts().Update(*first).ok());
  EXPECT_EQ(store_->contacts().List(org_, ContactFilter{}, Page{})->items.back().surname,
            "Ženíšek");
}

TEST(CzechSortKeys, RowsFromBeforeMigrations4And5GetTheirKeyWhenTheStoreOpens) {
  const std::string path = ::testing::TempDir() + "/contacts_sort_key_backfill.db";
  std::remove(path.c_str());
  OrgId org;
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
    domain::Organization o;
    o.name = "Vestec";
    o.central_number = "+420700000001";
    org = (*store)->organizations().Create(o)->id;
    int n = 0;
    for (const char* surname : {"Zeman", "Čermák", "Cibulka"}) {
      domain::Contact c;
      c.org_id = org;
      c.phone = "+42072000000" + std::to_string(++n);
      c.surname = surname;
      ASSERT_TRUE((*store)->contacts().Create(c).ok());
    }
    std::vector<domain::Resident> residents(3);
    std::vector<ResidentKeys> keys(3);
    const char* names[] = {"Zeman", "Čermák", "Cibulka"};
    for (int i = 0; i < 3; ++i) {
      residents[i].surname = names[i];
      keys[i] = ResidentKeys{names[i], "jan", ""};
    }
    ASSERT_TRUE((*store)->residents().ReplaceAll(org, residents, keys, TimePoint{}).ok());
  }
  {
    // Back to the schema of version 3, as a database written by the previous binary.
    auto db = Db::Open(path);
    ASSERT_TRUE(db.ok());
    (*db)->Exec(
        "DROP INDEX contacts_by_name; DROP INDEX contacts_by_street;"
        "ALTER TABLE contacts DROP COLUMN sort_key;"
        "CREATE INDEX contacts_by_name ON contacts(org_id, surname, first_name, id, search_text);"
        "CREATE INDEX contacts_by_street ON contacts(org_id, street_key, surname, first_name, id);"
        "DROP INDEX residents_by_sort_key; ALTER TABLE residents DROP COLUMN sort_key;"
        "DROP INDEX inbound_threads;"
        "DELETE FROM schema_version WHERE version >= 4;");
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto list = (*store)->contacts().List(org, ContactFilter{}, Page{});
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(list->items[0].surname, "Cibulka");
  EXPECT_EQ(list->items[1].surname, "Čermák");
  EXPECT_EQ(list->items[2].surname, "Zeman");
  auto register_list = (*store)->residents().List(org, "", Page{});
  ASSERT_TRUE(register_list.ok());
  ASSERT_EQ(register_list->items.size(), 3u);
  EXPECT_EQ(register_list->items[0].surname, "Cibulka");
  EXPECT_EQ(register_list->items[1].surname, "Čermák");
  store->reset();
  std::remove(path.c_str());
}

// The plans that keep a search of 100,000 contacts under 100 ms (bench/contacts_bench.mjs):
// no query of the contacts page reads the table row by row to test a condition.
std::string PlanOf(Db& db, const std::string& sql) {
  auto st = db.Prepare("EXPLAIN QUERY PLAN " + sql);
  std::string plan;
  while (st->executeStep()) plan += st->getColumn(3).getString() + "\n";
  return plan;
}

TEST(ContactListPlan, SearchScansOneCoveringIndexInPageOrder) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(Migrate(**db).ok());
  ContactFilter search;
  search.q = "nov";
  const ContactListSql sql = ContactListQueries(search);
  EXPECT_NE(PlanOf(**db, sql.count).find("COVERING INDEX"), std::string::npos)
      << PlanOf(**db, sql.count);
  const std::string page = PlanOf(**db, sql.page);
  EXPECT_NE(page.find("INDEX contacts_by_name"), std::string::npos) << page;
  EXPECT_EQ(page.find("TEMP B-TREE"), std::string::npos) << page;

  ContactFilter street;
  street.street = "hlavni";
  const std::string by_street = PlanOf(**db, ContactListQueries(street).page);
  EXPECT_NE(by_street.find("contacts_by_street (org_id=? AND street_key=?)"), std::string::npos)
      << by_street;
  EXPECT_EQ(by_street.find("TEMP B-TREE"), std::string::npos) << by_street;

  ContactFilter group;
  group.group = GroupId(1);
  const std::string by_group = PlanOf(**db, ContactListQueries(group).count);
  EXPECT_EQ(by_group.find("CORRELATED"), std::string::npos) << by_group;
}

TEST_F(ContactStoreTest, StreetsCountsActiveContactsPerStreet) {
  AddContact("+420720000001", "A", "Hlavní");
  AddContact("+420720000002", "B", "Hlavní");
  AddContact("+420720000003", "C", "Lipová");
  AddContact("+420720000004", "D", "");
  auto streets = store_->contacts().Streets(org_);
  ASSERT_TRUE(streets.ok());
  ASSERT_EQ(streets->size(), 2u);
  EXPECT_EQ((*streets)[0], std::make_pair(std::string("Hlavní"), std::int64_t{2}));
  EXPECT_EQ((*streets)[1], std::make_pair(std::string("Lipová"), std::int64_t{1}));
}

using GroupStoreTest = StoreTest;

TEST_F(GroupStoreTest, CreatesFindsRenamesAndDeletes) {
  GroupId g = AddGroup("Hasiči");
  domain::Group again;
  again.org_id = org_;
  again.name = "Hasiči";
  EXPECT_EQ(store_->groups().Create(again).error().code, ErrorCode::kConflict);
  auto found = store_->groups().FindByName(org_, "Hasiči");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, g);
  found->name = "SDH";
  auto renamed = store_->groups().Update(*found);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->name, "SDH");
  EXPECT_EQ(store_->groups().List(org_)->size(), 1u);
  ASSERT_TRUE(store_->groups().Delete(org_, g).ok());
  EXPECT_EQ(store_->groups().Get(org_, g).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->groups().Delete(org_, g).error().code, ErrorCode::kNotFound);
}

TEST_F(GroupStoreTest, AddsMembersIdempotentlyAndRemovesThem) {
  GroupId g = AddGroup("G");
  ContactId a = AddContact("+420720000001");
  ContactId b = AddContact("+420720000002");
  std::vector<ContactId> both{a, b};
  ASSERT_TRUE(store_->groups().AddMembers(org_, g, both).ok());
  ASSERT_TRUE(store_->groups().AddMembers(org_, g, both).ok());
  EXPECT_EQ(store_->groups().Get(org_, g)->member_count, 2);
  std::vector<ContactId> just_a{a};
  ASSERT_TRUE(store_->groups().RemoveMembers(org_, g, just_a).ok());
  EXPECT_EQ(store_->groups().Get(org_, g)->member_count, 1);
}

TEST_F(GroupStoreTest, UnknownContactAddsNobody) {
  GroupId g = AddGroup("G");
  ContactId a = AddContact("+420720000001");
  std::vector<ContactId> ids{a, ContactId(999)};
  auto added = store_->groups().AddMembers(org_, g, ids);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->groups().Get(org_, g)->member_count, 0);
}

TEST_F(GroupStoreTest, ContactsOfAnotherOrganizationAreUnknown) {
  GroupId g = AddGroup("G");
  domain::Contact c = ContactFor("+420720000001");
  c.org_id = MakeOrg("Jesenice", "+420700000002");
  auto other = store_->contacts().Create(c);
  ASSERT_TRUE(other.ok());
  std::vector<ContactId> ids{other->id};
  EXPECT_EQ(store_->groups().AddMembers(org_, g, ids).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
