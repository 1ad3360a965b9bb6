// A person in the municipality's permanent-residence register (evidence obyvatel).
#pragma once

#include <string>

#include "base/ids.hpp"

namespace smsinfo::domain {

struct Resident {
  ResidentId id;
  OrgId org_id;
  std::string surname;
  std::string first_name;
  std::string street;  // empty where the address is "<municipality> <house number>"
  std::string house_number;
  std::string orientation_number;
  std::string municipality;
  std::string zip;
  int birth_year = 0;  // 0 when unknown
};

}  // namespace smsinfo::domain
