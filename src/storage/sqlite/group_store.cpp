// GroupStore over `contact_groups` and `group_members`.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kSelect =
    "SELECT g.id, g.org_id, g.name, g.description, "
    "(SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) FROM contact_groups g ";

domain::Group ReadGroup(SQLite::Statement& st) {
  domain::Group g;
  g.id = IdAt<GroupId>(st.getColumn(0));
  g.org_id = IdAt<OrgId>(st.getColumn(1));
  g.name = st.getColumn(2).getString();
  g.description = st.getColumn(3).getString();
  g.member_count = st.getColumn(4).getInt64();
  return g;
}

Error NameTaken(const std::string& name) {
  return Error::Conflict("a group named \"" + name + "\" already exists");
}

Error NoGroup(GroupId id) {
  return Error::NotFound("group " + std::to_string(id.value) + " does not exist");
}

}  // namespace

Result<domain::Group> SqliteGroupStore::Create(const domain::Group& group) {
  auto result = db_.Tx([&]() -> Result<domain::Group> {
    auto st = db_.Prepare("INSERT INTO contact_groups(org_id, name, description) VALUES (?,?,?)");
    BindId(*st, 1, group.org_id);
    st->bind(2, group.name);
    st->bind(3, group.description);
    st->exec();
    domain::Group created = group;
    created.id = GroupId(db_.LastInsertId());
    created.member_count = 0;
    return created;
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) return NameTaken(group.name);
  return result;
}

Result<domain::Group> SqliteGroupStore::Get(OrgId org, GroupId id) {
  return db_.Tx([&]() -> Result<domain::Group> {
    auto st = db_.Prepare(std::string(kSelect) + "WHERE g.id = ? AND g.org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (!st->executeStep()) return NoGroup(id);
    return ReadGroup(*st);
  });
}

Result<domain::Group> SqliteGroupStore::FindByName(OrgId org, const std::string& name) {
  return db_.Tx([&]() -> Result<domain::Group> {
    auto st = db_.Prepare(std::string(kSelect) + "WHERE g.org_id = ? AND g.name = ?");
    BindId(*st, 1, org);
    st->bind(2, name);
    if (!st->executeStep()) return Error::NotFound("no group named \"" + name + "\"");
    return ReadGroup(*st);
  });
}

Result<std::vector<domain::Group>> SqliteGroupStore::List(OrgId org) {
  return db_.Tx([&]() -> Result<std::vector<domain::Group>> {
    auto st = db_.Prepare(std::string(kSelect) + "WHERE g.org_id = ? ORDER BY g.name");
    BindId(*st, 1, org);
    std::vector<domain::Group> out;
    while (st->executeStep()) out.push_back(ReadGroup(*st));
    return out;
  });
}

Result<domain::Group> SqliteGroupStore::Update(const domain::Group& group) {
  auto result = db_.Tx([&]() -> Result<domain::Group> {
    auto st = db_.Prepare(
        "UPDATE contact_groups SET name = ?, description = ? WHERE id = ? AND org_id = ?");
    st->bind(1, group.name);
    st->bind(2, group.description);
    BindId(*st, 3, group.id);
    BindId(*st, 4, group.org_id);
    if (st->exec() == 0) return NoGroup(group.id);
    return Get(group.org_id, group.id);
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) return NameTaken(group.name);
  return result;
}

Result<void> SqliteGroupStore::Delete(OrgId org, GroupId id) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("DELETE FROM contact_groups WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (st->exec() == 0) return NoGroup(id);
    return Ok();
  });
}

Result<void> SqliteGroupStore::AddMembers(OrgId org, GroupId group,
                                          std::span<const ContactId> contacts) {
  return db_.Tx([&]() -> Result<void> {
    {
      auto exists = db_.Prepare("SELECT 1 FROM contact_groups WHERE id = ? AND org_id = ?");
      BindId(*exists, 1, group);
      BindId(*exists, 2, org);
      if (!exists->executeStep()) return NoGroup(group);
    }
    auto contact = db_.Prepare("SELECT 1 FROM contacts WHERE id = ? AND org_id = ?");
    auto add =
        db_.Prepare("INSERT OR IGNORE INTO group_members(group_id, contact_id) VALUES (?,?)");
    for (ContactId id : contacts) {
      contact->tryReset();
      BindId(*contact, 1, id);
      BindId(*contact, 2, org);
      if (!contact->executeStep()) {
        return Error::NotFound("contact " + std::to_string(id.value) + " does not exist");
      }
      add->tryReset();
      BindId(*add, 1, group);
      BindId(*add, 2, id);
      add->exec();
    }
    return Ok();
  });
}

Result<void> SqliteGroupStore::RemoveMembers(OrgId org, GroupId group,
                                             std::span<const ContactId> contacts) {
  return db_.Tx([&]() -> Result<void> {
    {
      auto exists = db_.Prepare("SELECT 1 FROM contact_groups WHERE id = ? AND org_id = ?");
      BindId(*exists, 1, group);
      BindId(*exists, 2, org);
      if (!exists->executeStep()) return NoGroup(group);
    }
    auto remove = db_.Prepare("DELETE FROM group_members WHERE group_id = ? AND contact_id = ?");
    for (ContactId id : contacts) {
      remove->tryReset();
      BindId(*remove, 1, group);
      BindId(*remove, 2, id);
      remove->exec();
    }
    return Ok();
  });
}

}  // namespace smsinfo::storage::sqlite
