#include "app/directory_service.hpp"

#include "domain/phone_number.hpp"

namespace smsinfo::app {
namespace {

Result<void> CheckLength(const std::string& value, const char* field, std::size_t max) {
  if (value.size() > max) {
    return Error::InvalidInput(std::string(field) + " is longer than " + std::to_string(max) +
                               " bytes");
  }
  for (unsigned char c : value) {
    if (c < 0x20) return Error::InvalidInput(std::string(field) + " contains control characters");
  }
  return Ok();
}

std::string Ref(const char* kind, std::int64_t id) { return std::string(kind) + ":" + std::to_string(id); }

}  // namespace

DirectoryService::DirectoryService(storage::Store& store, const Clock& clock, AuditLog& audit)
    : store_(store), clock_(clock), audit_(audit) {}

Result<void> DirectoryService::Validate(domain::Contact* c) const {
  auto phone = domain::PhoneNumber::Parse(c->phone);
  if (!phone.ok()) return phone.error();
  c->phone = phone->e164();
  SMSINFO_TRY(CheckLength(c->surname, "surname", 100));
  SMSINFO_TRY(CheckLength(c->first_name, "first_name", 100));
  SMSINFO_TRY(CheckLength(c->street, "street", 100));
  SMSINFO_TRY(CheckLength(c->house_number, "house_number", 20));
  SMSINFO_TRY(CheckLength(c->orientation_number, "orientation_number", 20));
  SMSINFO_TRY(CheckLength(c->company, "company", 200));
  return Ok();
}

Result<domain::Contact> DirectoryService::CreateContact(const Actor& actor, domain::Contact contact) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  contact.org_id = actor.org;
  SMSINFO_TRY(Validate(&contact));
  contact.created_at = contact.updated_at = clock_.Now();
  domain::Contact created;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto c = store_.contacts().Create(contact);
    if (!c.ok()) return c.error();
    created = *c;
    return audit_.Record(actor, "contact.create", Ref("contact", c->id.value), c->phone);
  });
  if (!tx.ok()) return tx.error();
  return created;
}

Result<domain::Contact> DirectoryService::GetContact(const Actor& actor, ContactId id) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.contacts().Get(actor.org, id);
}

Result<domain::Contact> DirectoryService::UpdateContact(const Actor& actor, domain::Contact contact) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  contact.org_id = actor.org;
  SMSINFO_TRY(Validate(&contact));
  contact.updated_at = clock_.Now();
  domain::Contact updated;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto c = store_.contacts().Update(contact);
    if (!c.ok()) return c.error();
    updated = *c;
    return audit_.Record(actor, "contact.update", Ref("contact", c->id.value));
  });
  if (!tx.ok()) return tx.error();
  return updated;
}

Result<void> DirectoryService::DeleteContact(const Actor& actor, ContactId id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.contacts().Delete(actor.org, id));
    return audit_.Record(actor, "contact.delete", Ref("contact", id.value));
  });
}

Result<storage::PageOf<domain::Contact>> DirectoryService::ListContacts(const Actor& actor,
                                                                        storage::ContactFilter filter,
                                                                        storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  if (!filter.phone.empty()) {
    auto phone = domain::PhoneNumber::Parse(filter.phone);
    if (!phone.ok()) return phone.error();
    filter.phone = phone->e164();
  }
  return store_.contacts().List(actor.org, filter, page);
}

Result<std::vector<std::pair<std::string, std::int64_t>>> DirectoryService::Streets(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.contacts().Streets(actor.org);
}

Result<domain::Group> DirectoryService::CreateGroup(const Actor& actor, domain::Group group) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  group.org_id = actor.org;
  if (group.name.empty()) return Error::InvalidInput("group name must not be empty");
  SMSINFO_TRY(CheckLength(group.name, "name", 100));
  SMSINFO_TRY(CheckLength(group.description, "description", 500));
  domain::Group created;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto g = store_.groups().Create(group);
    if (!g.ok()) return g.error();
    created = *g;
    return audit_.Record(actor, "group.create", Ref("group", g->id.value), g->name);
  });
  if (!tx.ok()) return tx.error();
  return created;
}

Result<domain::Group> DirectoryService::GetGroup(const Actor& actor, GroupId id) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.groups().Get(actor.org, id);
}

Result<domain::Group> DirectoryService::UpdateGroup(const Actor& actor, domain::Group group) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  group.org_id = actor.org;
  if (group.name.empty()) return Error::InvalidInput("group name must not be empty");
  SMSINFO_TRY(CheckLength(group.name, "name", 100));
  SMSINFO_TRY(CheckLength(group.description, "description", 500));
  domain::Group updated;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto g = store_.groups().Update(group);
    if (!g.ok()) return g.error();
    updated = *g;
    return audit_.Record(actor, "group.update", Ref("group", g->id.value), g->name);
  });
  if (!tx.ok()) return tx.error();
  return updated;
}

Result<void> DirectoryService::DeleteGroup(const Actor& actor, GroupId id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.groups().Delete(actor.org, id));
    return audit_.Record(actor, "group.delete", Ref("group", id.value));
  });
}

Result<std::vector<domain::Group>> DirectoryService::ListGroups(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.groups().List(actor.org);
}

Result<void> DirectoryService::AddMembers(const Actor& actor, GroupId group,
                                          std::span<const ContactId> contacts) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  if (contacts.empty()) return Error::InvalidInput("no contacts given");
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.groups().AddMembers(actor.org, group, contacts));
    return audit_.Record(actor, "group.add_members", Ref("group", group.value),
                         std::to_string(contacts.size()) + " contacts");
  });
}

Result<void> DirectoryService::RemoveMembers(const Actor& actor, GroupId group,
                                             std::span<const ContactId> contacts) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  if (contacts.empty()) return Error::InvalidInput("no contacts given");
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.groups().RemoveMembers(actor.org, group, contacts));
    return audit_.Record(actor, "group.remove_members", Ref("group", group.value),
                         std::to_string(contacts.size()) + " contacts");
  });
}

}  // namespace smsinfo::app
