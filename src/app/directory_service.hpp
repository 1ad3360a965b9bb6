// The office's own contact list and recipient groups. Thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

class DirectoryService {
 public:
  DirectoryService(storage::Store& store, const Clock& clock, AuditLog& audit);

  // Validates (phone parsed to E.164, lengths, groups exist) and stores. The contact's
  // `phone` may be written as people do; it is stored normalized.
  Result<domain::Contact> CreateContact(const Actor& actor, domain::Contact contact);
  Result<domain::Contact> GetContact(const Actor& actor, ContactId id);
  Result<domain::Contact> UpdateContact(const Actor& actor, domain::Contact contact);
  Result<void> DeleteContact(const Actor& actor, ContactId id);
  Result<storage::PageOf<domain::Contact>> ListContacts(const Actor& actor,
                                                        storage::ContactFilter filter,
                                                        storage::Page page);
  Result<std::vector<std::pair<std::string, std::int64_t>>> Streets(const Actor& actor);

  Result<domain::Group> CreateGroup(const Actor& actor, domain::Group group);
  Result<domain::Group> GetGroup(const Actor& actor, GroupId id);
  Result<domain::Group> UpdateGroup(const Actor& actor, domain::Group group);
  Result<void> DeleteGroup(const Actor& actor, GroupId id);
  Result<std::vector<domain::Group>> ListGroups(const Actor& actor);
  Result<void> AddMembers(const Actor& actor, GroupId group, std::span<const ContactId> contacts);
  Result<void> RemoveMembers(const Actor& actor, GroupId group, std::span<const ContactId> contacts);

 private:
  Result<void> Validate(domain::Contact* contact) const;

  storage::Store& store_;
  const Clock& clock_;
  AuditLog& audit_;
};

}  // namespace smsinfo::app
