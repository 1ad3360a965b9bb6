// UserStore over `users` and `api_tokens`.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kUserColumns =
    "id, org_id, username, password_hash, role, active, created_at";
constexpr const char* kTokenColumns =
    "id, org_id, user_id, name, token_hash, created_at, last_used_at";

domain::User ReadUser(SQLite::Statement& st) {
  domain::User u;
  u.id = IdAt<UserId>(st.getColumn(0));
  u.org_id = IdAt<OrgId>(st.getColumn(1));
  u.username = st.getColumn(2).getString();
  u.password_hash = st.getColumn(3).getString();
  u.role = EnumOr(domain::ParseRole(st.getColumn(4).getString()), domain::Role::kViewer);
  u.active = st.getColumn(5).getInt() != 0;
  u.created_at = TimeAt(st.getColumn(6));
  return u;
}

domain::ApiToken ReadToken(SQLite::Statement& st) {
  domain::ApiToken t;
  t.id = IdAt<ApiTokenId>(st.getColumn(0));
  t.org_id = IdAt<OrgId>(st.getColumn(1));
  t.user_id = IdAt<UserId>(st.getColumn(2));
  t.name = st.getColumn(3).getString();
  t.token_hash = st.getColumn(4).getString();
  t.created_at = TimeAt(st.getColumn(5));
  t.last_used_at = OptTimeAt(st.getColumn(6));
  return t;
}

Error UsernameTaken(const std::string& username) {
  return Error::Conflict("the username \"" + username + "\" is taken");
}

}  // namespace

Result<domain::User> SqliteUserStore::Create(const domain::User& user) {
  auto result = db_.Tx([&]() -> Result<domain::User> {
    auto st = db_.Prepare(
        "INSERT INTO users(org_id, username, password_hash, role, active, created_at) "
        "VALUES (?,?,?,?,?,?)");
    BindId(*st, 1, user.org_id);
    st->bind(2, user.username);
    st->bind(3, user.password_hash);
    st->bind(4, domain::ToString(user.role));
    st->bind(5, user.active ? 1 : 0);
    BindTime(*st, 6, user.created_at);
    st->exec();
    domain::User created = user;
    created.id = UserId(db_.LastInsertId());
    return created;
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) {
    return UsernameTaken(user.username);
  }
  return result;
}

Result<domain::User> SqliteUserStore::Get(UserId id) {
  return db_.Tx([&]() -> Result<domain::User> {
    auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
    BindId(*st, 1, id);
    if (!st->executeStep()) {
      return Error::NotFound("user " + std::to_string(id.value) + " does not exist");
    }
    return ReadUser(*st);
  });
}

Result<domain::User> SqliteUserStore::FindByUsername(const std::string& username) {
  return db_.Tx([&]() -> Result<domain::User> {
    auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?");
    st->bind(1, username);
    if (!st->executeStep()) return Error::NotFound("no user \"" + username + "\"");
    return ReadUser(*st);
  });
}

Result<std::vector<domain::User>> SqliteUserStore::List(OrgId org) {
  return db_.Tx([&]() -> Result<std::vector<domain::User>> {
    auto st = db_.Prepare(std::string("SELECT ") + kUserColumns +
                          " FROM users WHERE org_id = ? ORDER BY username");
    BindId(*st, 1, org);
    std::vector<domain::User> out;
    while (st->executeStep()) out.push_back(ReadUser(*st));
    return out;
  });
}

Result<void> SqliteUserStore::Update(const domain::User& user) {
  auto result = db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "UPDATE users SET username=?, password_hash=?, role=?, active=? "
        "WHERE id=? AND org_id=?");
    st->bind(1, user.username);
    st->bind(2, user.password_hash);
    st->bind(3, domain::ToString(user.role));
    st->bind(4, user.active ? 1 : 0);
    BindId(*st, 5, user.id);
    BindId(*st, 6, user.org_id);
    if (st->exec() == 0) {
      return Error::NotFound("user " + std::to_string(user.id.value) + " does not exist");
    }
    return Ok();
  });
  if (!result.ok() && result.error().code == ErrorCode::kConflict) {
    return UsernameTaken(user.username);
  }
  return result;
}

Result<domain::ApiToken> SqliteUserStore::CreateToken(const domain::ApiToken& token) {
  return db_.Tx([&]() -> Result<domain::ApiToken> {
    auto user = db_.Prepare("SELECT 1 FROM users WHERE id = ? AND org_id = ?");
    BindId(*user, 1, token.user_id);
    BindId(*user, 2, token.org_id);
    if (!user->executeStep()) {
      return Error::NotFound("user " + std::to_string(token.user_id.value) + " does not exist");
    }
    auto st = db_.Prepare(
        "INSERT INTO api_tokens(org_id, user_id, name, token_hash, created_at, last_used_at) "
        "VALUES (?,?,?,?,?,?)");
    BindId(*st, 1, token.org_id);
    BindId(*st, 2, token.user_id);
    st->bind(3, token.name);
    st->bind(4, token.token_hash);
    BindTime(*st, 5, token.created_at);
    BindTime(*st, 6, token.last_used_at);
    st->exec();
    domain::ApiToken created = token;
    created.id = ApiTokenId(db_.LastInsertId());
    return created;
  });
}

Result<domain::ApiToken> SqliteUserStore::FindTokenByHash(const std::string& token_hash,
                                                          TimePoint now) {
  return db_.Tx([&]() -> Result<domain::ApiToken> {
    auto st = db_.Prepare(std::string("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ? "
                                      "RETURNING ") +
                          kTokenColumns);
    BindTime(*st, 1, now);
    st->bind(2, token_hash);
    if (!st->executeStep()) return Error::NotFound("no such API token");
    domain::ApiToken token = ReadToken(*st);
    while (st->executeStep()) {
    }
    return token;
  });
}

Result<std::vector<domain::ApiToken>> SqliteUserStore::ListTokens(OrgId org) {
  return db_.Tx([&]() -> Result<std::vector<domain::ApiToken>> {
    auto st = db_.Prepare(std::string("SELECT ") + kTokenColumns +
                          " FROM api_tokens WHERE org_id = ? ORDER BY id");
    BindId(*st, 1, org);
    std::vector<domain::ApiToken> out;
    while (st->executeStep()) out.push_back(ReadToken(*st));
    return out;
  });
}

Result<void> SqliteUserStore::DeleteToken(OrgId org, ApiTokenId id) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("DELETE FROM api_tokens WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (st->exec() == 0) {
      return Error::NotFound("API token " + std::to_string(id.value) + " does not exist");
    }
    return Ok();
  });
}

}  // namespace smsinfo::storage::sqlite
