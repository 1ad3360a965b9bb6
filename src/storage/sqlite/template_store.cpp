// TemplateStore over `message_templates`: texts an office sends again and again.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kTemplateColumns = "id, org_id, name, text, created_by, created_at";

MessageTemplate ReadTemplate(SQLite::Statement& st) {
  MessageTemplate t;
  t.id = st.getColumn(0).getInt64();
  t.org_id = IdAt<OrgId>(st.getColumn(1));
  t.name = st.getColumn(2).getString();
  t.text = st.getColumn(3).getString();
  t.created_by = OptIdAt<UserId>(st.getColumn(4));
  t.created_at = TimeAt(st.getColumn(5));
  return t;
}

}  // namespace

Result<MessageTemplate> SqliteTemplateStore::Create(const MessageTemplate& t) {
  auto result = db_.Tx([&]() -> Result<MessageTemplate> {
    auto st = db_.Prepare(
        "INSERT INTO message_templates(org_id, name, text, created_by, created_at) "
        "VALUES (?,?,?,?,?)");
    BindId(*st, 1, t.org_id);
    st->bind(2, t.name);
    st->bind(3, t.text);
    BindId(*st, 4, t.created_by);
    BindTime(*st, 5, t.created_at);
    st->exec();
    MessageTemplate created = t;
    created.id = db_.LastInsertId();
    return created;
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) {
    return Error::Conflict("a template named \"" + t.name + "\" exists");
  }
  return result;
}

Result<MessageTemplate> SqliteTemplateStore::Get(OrgId org, std::int64_t id) {
  return db_.Tx([&]() -> Result<MessageTemplate> {
    auto st = db_.Prepare(std::string("SELECT ") + kTemplateColumns +
                          " FROM message_templates WHERE org_id = ? AND id = ?");
    BindId(*st, 1, org);
    st->bind(2, static_cast<int64_t>(id));
    if (!st->executeStep()) {
      return Error::NotFound("template " + std::to_string(id) + " does not exist");
    }
    return ReadTemplate(*st);
  });
}

Result<std::vector<MessageTemplate>> SqliteTemplateStore::List(OrgId org) {
  return db_.Tx([&]() -> Result<std::vector<MessageTemplate>> {
    auto st = db_.Prepare(std::string("SELECT ") + kTemplateColumns +
                          " FROM message_templates WHERE org_id = ? ORDER BY name, id");
    BindId(*st, 1, org);
    std::vector<MessageTemplate> out;
    while (st->executeStep()) out.push_back(ReadTemplate(*st));
    return out;
  });
}

Result<void> SqliteTemplateStore::Delete(OrgId org, std::int64_t id) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("DELETE FROM message_templates WHERE org_id = ? AND id = ?");
    BindId(*st, 1, org);
    st->bind(2, static_cast<int64_t>(id));
    if (st->exec() == 0) {
      return Error::NotFound("template " + std::to_string(id) + " does not exist");
    }
    return Ok();
  });
}

}  // namespace smsinfo::storage::sqlite
