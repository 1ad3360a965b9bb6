#include "residents/matcher.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "residents/address.hpp"
#include "residents/register_csv.hpp"

namespace smsinfo::residents {
namespace {

using domain::MatchOutcome;
using ::testing::ElementsAre;

// An in-memory register: what ReplaceAll stores, looked up the way the SQL store does.
class FakeResidentStore : public storage::ResidentStore {
 public:
  Result<std::int64_t> ReplaceAll(OrgId org, std::span<const domain::Resident> residents,
                                  std::span<const storage::ResidentKeys> keys,
                                  TimePoint /*now*/) override {
    std::lock_guard lock(mutex_);
    rows_.clear();
    for (std::size_t i = 0; i < residents.size(); ++i) {
      domain::Resident r = residents[i];
      r.org_id = org;
      r.id = ResidentId(static_cast<std::int64_t>(i) + 1);
      rows_.push_back({r, keys[i]});
    }
    return static_cast<std::int64_t>(rows_.size());
  }
  Result<domain::Resident> Get(OrgId org, ResidentId id) override {
    std::lock_guard lock(mutex_);
    for (const auto& row : rows_) {
      if (row.resident.org_id == org && row.resident.id == id) return row.resident;
    }
    return Error::NotFound("no such resident");
  }
  Result<std::vector<domain::Resident>> FindByHouseNumber(OrgId org,
                                                          const std::string& number) override {
    std::lock_guard lock(mutex_);
    ++house_number_lookups;
    if (fail) return Error::Unavailable("store down");
    std::vector<domain::Resident> found;
    for (const auto& row : rows_) {
      if (row.resident.org_id == org && row.resident.house_number == number) {
        found.push_back(row.resident);
      }
    }
    return found;
  }
  Result<std::vector<domain::Resident>> FindBySurnameAndNumbers(
      OrgId org, const std::string& key, std::span<const std::string> numbers) override {
    std::lock_guard lock(mutex_);
    ++candidate_lookups;
    if (fail) return Error::Unavailable("store down");
    std::vector<domain::Resident> found;
    for (const auto& row : rows_) {
      if (row.resident.org_id != org || row.keys.surname_key != key) continue;
      for (const auto& n : numbers) {
        if (NormalizeHouseNumber(row.resident.house_number) == n ||
            NormalizeHouseNumber(row.resident.orientation_number) == n) {
          found.push_back(row.resident);
          break;
        }
      }
    }
    return found;
  }
  Result<std::vector<domain::Resident>> FindBySurnameKey(OrgId org,
                                                         const std::string& key) override {
    std::lock_guard lock(mutex_);
    if (fail) return Error::Unavailable("store down");
    std::vector<domain::Resident> found;
    for (const auto& row : rows_) {
      if (row.resident.org_id == org && row.keys.surname_key == key) found.push_back(row.resident);
    }
    return found;
  }
  Result<storage::PageOf<domain::Resident>> List(OrgId, const std::string&,
                                                 storage::Page) override {
    return Error::Internal("not used by the matcher");
  }
  Result<std::optional<TimePoint>> LastImportedAt(OrgId) override {
    return std::optional<TimePoint>();
  }

  bool fail = false;
  int house_number_lookups = 0;
  int candidate_lookups = 0;

 private:
  struct Row {
    domain::Resident resident;
    storage::ResidentKeys keys;
  };
  std::mutex mutex_;
  std::vector<Row> rows_;
};

const OrgId kOrg{1};

domain::Resident Person(std::string surname, std::string first, std::string street,
                        std::string house, std::string orientation = "") {
  domain::Resident r;
  r.surname = std::move(surname);
  r.first_name = std::move(first);
  r.street = std::move(street);
  r.house_number = std::move(house);
  r.orientation_number = std::move(orientation);
  r.municipality = "Vestec";
  return r;
}

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Ids are positions + 1.
    const std::vector<domain::Resident> register_rows = {
        Person("Novák", "Jan", "Hlavní", "50"),             // 1
        Person("Nováková", "Marie", "Hlavní", "50"),        // 2
        Person("Dvořák", "Petr", "Školní", "6", "7"),       // 3
        Person("Svoboda", "Karel", "", "4"),                // 4  "Vestec 4"
        Person("Černý", "Tomáš", "Na Vršku", "12"),         // 5
        Person("Černý", "Tomáš", "Na Vršku", "12"),         // 6  namesake in the same house
        Person("Veselá", "Eva", "Polní", "30", "12a"),      // 7
        Person("Král", "Jiří", "Lipová", "31"),             // 8
        Person("Králová", "Jana", "Lipová", "31"),          // 9
        Person("Pokorný", "Jan", "Zahradní", "40", "3"),    // 10
        Person("Pokorný", "Pavel", "Zahradní", "41", "5"),  // 11
    };
    std::vector<storage::ResidentKeys> keys;
    for (const auto& r : register_rows) keys.push_back(KeysFor(r));
    ASSERT_TRUE(store_.ReplaceAll(kOrg, register_rows, keys, TimePoint{}).ok());
  }

  MatchResult Match(std::string surname, std::string first, std::string street, std::string house,
                    std::string orientation = "") {
    auto result = matcher_.Match(kOrg, {std::move(surname), std::move(first), std::move(street),
                                        std::move(house), std::move(orientation)});
    EXPECT_TRUE(result.ok());
    return result.ok() ? *result : MatchResult{};
  }

  void ExpectMatched(const MatchResult& result, std::int64_t id) {
    EXPECT_EQ(result.outcome, MatchOutcome::kMatched);
    ASSERT_TRUE(result.resident.has_value());
    EXPECT_EQ(result.resident->value, id);
    EXPECT_TRUE(result.candidates.empty());
  }

  std::vector<std::int64_t> Candidates(const MatchResult& result) {
    EXPECT_EQ(result.outcome, MatchOutcome::kAmbiguous);
    EXPECT_FALSE(result.resident.has_value());
    std::vector<std::int64_t> ids;
    for (auto id : result.candidates) ids.push_back(id.value);
    return ids;
  }

  FakeResidentStore store_;
  Matcher matcher_{store_, "Vestec"};
};

// A request as the inbound module builds it: the address through ParseAddress.
MatchRequest FromSms(std::string surname, std::string first, std::string_view address) {
  auto parsed = ParseAddress(address, "Vestec");
  EXPECT_TRUE(parsed.ok()) << address;
  const Address a = parsed.ok() ? *parsed : Address{};
  return {std::move(surname), std::move(first), a.street, a.house_number, a.orientation_number};
}

TEST_F(MatcherTest, MatchesTheExactRegisterSpelling) {
  ExpectMatched(Match("Novák", "Jan", "Hlavní", "50"), 1);
  ExpectMatched(Match("Nováková", "Marie", "Hlavní", "50"), 2);
}

TEST_F(MatcherTest, IgnoresCaseDiacriticsAndExtraSpaces) {
  ExpectMatched(Match("NOVAK", "jan", "hlavni", "50"), 1);
  ExpectMatched(Match("  novak ", " Jan  ", "  HLAVNI ", " 50 "), 1);
  ExpectMatched(Match("novakova", "MARIE", "Hlavni", "050"), 2);
  ExpectMatched(Match("Dvorak", "Petr", "skolni", "6"), 3);
}

TEST_F(MatcherTest, MatchesAddressesWrittenWithHouseNumberMarkers) {
  for (std::string_view address :
       {"Hlavni c.p. 50", "Hlavní č.p.50", "Hlavni cp 50", "hlavni  50", "Hlavni 50, Vestec"}) {
    auto result = matcher_.Match(kOrg, FromSms("Novák", "Jan", address));
    ASSERT_TRUE(result.ok());
    ExpectMatched(*result, 1);
  }
}

TEST_F(MatcherTest, MatchesHouseAndOrientationNumberTogether) {
  auto result = matcher_.Match(kOrg, FromSms("Dvořák", "Petr", "Školní 6/7"));
  ASSERT_TRUE(result.ok());
  ExpectMatched(*result, 3);
}

TEST_F(MatcherTest, MatchesTheOrientationNumberAlone) {
  ExpectMatched(Match("Dvořák", "Petr", "Školní", "7"), 3);      // "Školní 7"
  ExpectMatched(Match("Dvořák", "Petr", "Školní", "", "7"), 3);  // "Školní č.o. 7"
  ExpectMatched(Match("Vesela", "Eva", "Polni", "12A"), 7);      // č.o. with a letter
  auto result = matcher_.Match(kOrg, FromSms("Veselá", "Eva", "Polní 12a"));
  ASSERT_TRUE(result.ok());
  ExpectMatched(*result, 7);
}

TEST_F(MatcherTest, DoesNotTakeAnOrientationNumberFromAnotherStreet) {
  // Dvořák's č.o. 7 is on Školní; on Lipová it means nothing.
  EXPECT_EQ(Match("Dvořák", "Petr", "Lipová", "7").outcome, MatchOutcome::kUnmatched);
}

TEST_F(MatcherTest, MatchesStreetlessAddressesByTheMunicipality) {
  for (std::string_view address : {"Vestec 4", "vestec  4", "4", "c.p. 4", "č.p.4"}) {
    auto result = matcher_.Match(kOrg, FromSms("Svoboda", "Karel", address));
    ASSERT_TRUE(result.ok());
    ExpectMatched(*result, 4);
  }
  // The matcher itself also reads the municipality as "no street".
  ExpectMatched(Match("Svoboda", "Karel", "VESTEC", "4"), 4);
  ExpectMatched(Match("Svoboda", "Karel", "", "4"), 4);
}

TEST_F(MatcherTest, ReportsNamesakesInTheSameHouseAsAmbiguous) {
  EXPECT_THAT(Candidates(Match("Černý", "Tomáš", "Na Vršku", "12")), ElementsAre(5, 6));
  EXPECT_THAT(Candidates(Match("cerny", "tomas", "na vrsku", "12")), ElementsAre(5, 6));
}

TEST_F(MatcherTest, OffersTheHouseholdWhenTheFirstNameDiffersOrIsMissing) {
  EXPECT_THAT(Candidates(Match("Novák", "Josef", "Hlavní", "50")), ElementsAre(1));
  EXPECT_THAT(Candidates(Match("Král", "", "Lipová", "31")), ElementsAre(8));
  // Surname agrees on two houses' č.o./č.p.? Only the one at number 40.
  EXPECT_THAT(Candidates(Match("Pokorný", "Petr", "Zahradní", "40")), ElementsAre(10));
}

TEST_F(MatcherTest, OffersResidentsOfAMisspelledStreet) {
  EXPECT_THAT(Candidates(Match("Novák", "Jan", "Hlanvi", "50")), ElementsAre(1));
  EXPECT_THAT(Candidates(Match("Dvořák", "Petr", "Skolny", "7")), ElementsAre(3));  // č.o.
  EXPECT_THAT(Candidates(Match("Dvořák", "Petr", "Skolnii", "7")), ElementsAre(3));
  // Too far from "Školní" (3 edits) for the orientation number to count.
  EXPECT_EQ(Match("Dvořák", "Petr", "Skalnyy", "7").outcome, MatchOutcome::kUnmatched);
}

TEST_F(MatcherTest, LeavesUnknownPeopleUnmatched) {
  EXPECT_EQ(Match("Horák", "Jan", "Hlavní", "50").outcome, MatchOutcome::kUnmatched);
  EXPECT_EQ(Match("Novák", "Jan", "Hlavní", "51").outcome, MatchOutcome::kUnmatched);
  EXPECT_EQ(Match("Novák", "Jan", "Hlavní", "").outcome, MatchOutcome::kUnmatched);
  EXPECT_EQ(Match("", "Jan", "Hlavní", "50").outcome, MatchOutcome::kUnmatched);
  const MatchResult none = Match("Novák", "Jan", "Polní", "30");
  EXPECT_FALSE(none.resident.has_value());
  EXPECT_TRUE(none.candidates.empty());
}

TEST_F(MatcherTest, DoesNotMixSurnameForms) {
  // "Nováková" is a different surname key from "Novák": Jana Nováková is not in the register.
  EXPECT_THAT(Candidates(Match("Nováková", "Jana", "Hlavní", "50")), ElementsAre(2));
}

TEST_F(MatcherTest, AsksTheStoreOnceForCandidatesByIndex) {
  store_.house_number_lookups = 0;
  store_.candidate_lookups = 0;
  ExpectMatched(Match("Veselá", "Eva", "Polní", "12a"), 7);
  EXPECT_EQ(store_.house_number_lookups, 0);
  EXPECT_EQ(store_.candidate_lookups, 1);
}

TEST_F(MatcherTest, LooksOnlyAtTheRequestedOrganization) {
  auto result = matcher_.Match(OrgId(2), {"Novák", "Jan", "Hlavní", "50", ""});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, MatchOutcome::kUnmatched);
}

TEST_F(MatcherTest, PassesOnStoreErrors) {
  store_.fail = true;
  auto result = matcher_.Match(kOrg, {"Novák", "Jan", "Hlavní", "50", ""});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace smsinfo::residents

namespace smsinfo::residents {
namespace {

TEST(MatcherWithoutConfiguredMunicipality, ReadsTheResidentsOwnMunicipalityAsNoStreet) {
  // The app does not configure a municipality name: the register's own "Obec" column decides.
  FakeResidentStore store;
  const std::vector<domain::Resident> rows = {Person("Svoboda", "Karel", "", "4")};
  std::vector<storage::ResidentKeys> keys;
  for (const auto& r : rows) keys.push_back(KeysFor(r));
  ASSERT_TRUE(store.ReplaceAll(OrgId(1), rows, keys, TimePoint{}).ok());
  Matcher matcher(store, "");
  auto parsed = ParseAddress("Vestec 4");
  ASSERT_TRUE(parsed.ok());
  auto result = matcher.Match(OrgId(1), {"Svoboda", "Karel", parsed->street, parsed->house_number,
                                         parsed->orientation_number});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, domain::MatchOutcome::kMatched);
  EXPECT_EQ(result->resident, ResidentId(1));
}

}  // namespace
}  // namespace smsinfo::residents
