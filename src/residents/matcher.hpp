// Matching of a citizen's SMS registration (name and address) against the organization's
// residence register; the rules are in docs/matching.md.
// Thread safety: Match may be called from several threads at once; the store must outlive
// the Matcher.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/registration.hpp"
#include "storage/store.hpp"

namespace smsinfo::residents {

struct MatchRequest {
  std::string surname, first_name, street, house_number, orientation_number;
};

struct MatchResult {
  domain::MatchOutcome outcome = domain::MatchOutcome::kUnmatched;
  std::optional<ResidentId> resident;  // set when kMatched
  std::vector<ResidentId> candidates;  // set when kAmbiguous, ascending ids
};

class Matcher {
 public:
  // `municipality` is the organization's name as citizens write it without a street
  // ("Vestec 4"); a request street equal to it means "no street".
  // Copies share the store.
  Matcher(storage::ResidentStore& store, std::string municipality);

  // kMatched with `resident` when exactly one resident agrees in name and address;
  // kAmbiguous with `candidates` when several do, or when only the looser rules find some;
  // kUnmatched otherwise (also for a request without surname or number). Errors only
  // come from the store.
  Result<MatchResult> Match(OrgId org, const MatchRequest& request);

 private:
  storage::ResidentStore& store_;
  const std::string municipality_key_;
};

}  // namespace smsinfo::residents
