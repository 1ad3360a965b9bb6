// Contacts (phone numbers the office sends to) and groups of them. Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::domain {

enum class ContactStatus { kActive, kInactive };
const char* ToString(ContactStatus s);
std::optional<ContactStatus> ParseContactStatus(std::string_view s);

enum class ContactSource { kManual, kImport, kRegistration };
const char* ToString(ContactSource s);
std::optional<ContactSource> ParseContactSource(std::string_view s);

struct Contact {
  ContactId id;
  OrgId org_id;
  std::string phone;  // E.164, unique within the organization
  std::string surname;
  std::string first_name;
  std::string street;  // empty for addresses without street names ("Vestec 4")
  std::string house_number;        // číslo popisné
  std::string orientation_number;  // číslo orientační, may be empty
  std::string company;
  ContactStatus status = ContactStatus::kActive;
  ContactSource source = ContactSource::kManual;
  std::vector<GroupId> groups;
  TimePoint created_at;
  TimePoint updated_at;
};

struct Group {
  GroupId id;
  OrgId org_id;
  std::string name;
  std::string description;
  std::int64_t member_count = 0;  // filled by queries
};

}  // namespace smsinfo::domain
