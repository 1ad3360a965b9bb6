#include "residents/matcher.hpp"

#include <algorithm>
#include <unordered_set>

#include "residents/address.hpp"
#include "residents/normalize.hpp"
#include "residents/register_csv.hpp"

namespace smsinfo::residents {
namespace {

constexpr int kMaxStreetTypos = 2;

// The comparable parts of a request or a resident.
struct Keys {
  std::string surname;
  std::string first_name;
  std::string street;  // "" for "no street" (also when it equals the municipality)
  std::string house_number;
  std::string orientation_number;
};

// How a resident's address relates to the request's.
struct AddressAgreement {
  bool house_number = false;        // the request's č.p. is the resident's č.p. (any street)
  bool orientation_number = false;  // the request's number is the resident's č.o.
  bool same_street = false;
  bool similar_street = false;  // within kMaxStreetTypos edits
};

AddressAgreement Compare(const Keys& request, const Keys& resident) {
  AddressAgreement a;
  a.house_number = !request.house_number.empty() && request.house_number == resident.house_number;
  if (!resident.orientation_number.empty()) {
    // An explicit č.o., or the single number given, which may be the č.o.
    a.orientation_number =
        resident.orientation_number == request.orientation_number ||
        (request.orientation_number.empty() && resident.orientation_number == request.house_number);
  }
  a.same_street = request.street == resident.street;
  a.similar_street = a.same_street || (!request.street.empty() && !resident.street.empty() &&
                                       BoundedEditDistance(request.street, resident.street,
                                                           kMaxStreetTypos) <= kMaxStreetTypos);
  return a;
}

}  // namespace

Matcher::Matcher(storage::ResidentStore& store, std::string municipality)
    : store_(store), municipality_key_(NormalizeKey(municipality)) {}

Result<MatchResult> Matcher::Match(OrgId org, const MatchRequest& request) {
  auto street_key = [this](std::string_view street) {
    std::string key = NormalizeKey(street);
    if (key == municipality_key_) key.clear();
    return key;
  };
  Keys wanted{NormalizeKey(request.surname), NormalizeKey(request.first_name),
              street_key(request.street), NormalizeHouseNumber(request.house_number),
              NormalizeHouseNumber(request.orientation_number)};
  MatchResult result;
  if (wanted.surname.empty() ||
      (wanted.house_number.empty() && wanted.orientation_number.empty())) {
    return result;
  }

  // Every candidate shares the surname and has the number as its house or orientation
  // number: one indexed query, however large the register.
  std::vector<std::string> numbers;
  for (const std::string* n : {&wanted.house_number, &wanted.orientation_number}) {
    if (!n->empty()) numbers.push_back(*n);
  }
  auto candidates = store_.FindBySurnameAndNumbers(org, wanted.surname, numbers);
  if (!candidates.ok()) return candidates.error();
  std::vector<domain::Resident> pool = std::move(candidates).value();

  std::vector<ResidentId> exact;
  std::vector<ResidentId> loose;
  for (const auto& r : pool) {
    const storage::ResidentKeys k = KeysFor(r);
    if (k.surname_key != wanted.surname) continue;
    const Keys have{k.surname_key, k.first_name_key,
                    k.street_key == municipality_key_ ? std::string() : k.street_key,
                    NormalizeHouseNumber(r.house_number),
                    NormalizeHouseNumber(r.orientation_number)};
    // "Vestec 4": a street equal to the resident's own municipality means "no street name".
    Keys want = wanted;
    if (!want.street.empty() && want.street == NormalizeKey(r.municipality)) want.street.clear();
    const AddressAgreement a = Compare(want, have);
    const bool same_name = have.first_name == wanted.first_name;
    if (same_name && a.same_street && (a.house_number || a.orientation_number)) {
      exact.push_back(r.id);
    } else if (a.house_number || (a.orientation_number && a.similar_street)) {
      // Surname and number agree; first name or street (by a few typos) may not.
      loose.push_back(r.id);
    }
  }

  std::sort(exact.begin(), exact.end());
  std::sort(loose.begin(), loose.end());
  if (exact.size() == 1) {
    result.outcome = domain::MatchOutcome::kMatched;
    result.resident = exact.front();
  } else if (!exact.empty()) {
    result.outcome = domain::MatchOutcome::kAmbiguous;
    result.candidates = std::move(exact);
  } else if (!loose.empty()) {
    result.outcome = domain::MatchOutcome::kAmbiguous;
    result.candidates = std::move(loose);
  }
  return result;
}

}  // namespace smsinfo::residents
