// The schema, one migration per entry. Never edit a migration that has shipped: append one.
// docs/storage.md describes the tables.
#include "storage/sqlite/migrations.hpp"

#include <array>
#include <string>

namespace smsinfo::storage::sqlite {
namespace {

struct Migration {
  int version;
  const char* sql;
};

constexpr const char* kInitialSchema = R"sql(
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  central_number TEXT NOT NULL DEFAULT '',
  prefix TEXT NOT NULL DEFAULT '',
  signature TEXT NOT NULL DEFAULT '',
  quiet_start_minute INTEGER NOT NULL,
  quiet_end_minute INTEGER NOT NULL,
  timezone TEXT NOT NULL,
  registration_policy TEXT NOT NULL,
  text_registration_received TEXT NOT NULL,
  text_registration_approved TEXT NOT NULL,
  text_registration_rejected TEXT NOT NULL,
  text_unregistered TEXT NOT NULL,
  text_help TEXT NOT NULL,
  price_per_segment_milli INTEGER NOT NULL,
  transliterate_by_default INTEGER NOT NULL
);
CREATE UNIQUE INDEX organizations_central_number ON organizations(central_number)
  WHERE central_number <> '';

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX api_tokens_org ON api_tokens(org_id);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  phone TEXT NOT NULL,
  surname TEXT NOT NULL,
  first_name TEXT NOT NULL,
  street TEXT NOT NULL,
  street_key TEXT NOT NULL,
  house_number TEXT NOT NULL,
  orientation_number TEXT NOT NULL,
  company TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  search_text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (org_id, phone)
);
CREATE INDEX contacts_by_surname ON contacts(org_id, surname, first_name, id);
CREATE INDEX contacts_by_street ON contacts(org_id, street_key);

CREATE TABLE contact_groups (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  UNIQUE (org_id, name)
);

CREATE TABLE group_members (
  group_id INTEGER NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX group_members_contact ON group_members(contact_id);

CREATE TABLE residents (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  surname TEXT NOT NULL,
  first_name TEXT NOT NULL,
  street TEXT NOT NULL,
  house_number TEXT NOT NULL,
  orientation_number TEXT NOT NULL,
  municipality TEXT NOT NULL,
  zip TEXT NOT NULL,
  birth_year INTEGER NOT NULL,
  surname_key TEXT NOT NULL,
  first_name_key TEXT NOT NULL,
  street_key TEXT NOT NULL
);
CREATE INDEX residents_by_house_number ON residents(org_id, house_number);
CREATE INDEX residents_by_surname_key ON residents(org_id, surname_key, first_name_key);
CREATE INDEX residents_by_surname_house ON residents(org_id, surname_key, house_number);
CREATE INDEX residents_by_surname_orientation ON residents(org_id, surname_key, orientation_number);

CREATE TABLE register_imports (
  org_id INTEGER PRIMARY KEY REFERENCES organizations(id),
  imported_at INTEGER NOT NULL,
  resident_count INTEGER NOT NULL
);

CREATE TABLE registrations (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  phone TEXT NOT NULL,
  surname TEXT NOT NULL,
  first_name TEXT NOT NULL,
  street TEXT NOT NULL,
  house_number TEXT NOT NULL,
  orientation_number TEXT NOT NULL,
  company TEXT NOT NULL,
  status TEXT NOT NULL,
  match TEXT NOT NULL,
  resident_id INTEGER,
  candidates TEXT NOT NULL DEFAULT '[]',
  inbound_id INTEGER,
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by INTEGER
);
CREATE INDEX registrations_by_phone ON registrations(org_id, phone, status);
CREATE INDEX registrations_by_status ON registrations(org_id, status);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  text TEXT NOT NULL,
  encoding TEXT NOT NULL,
  segments INTEGER NOT NULL,
  urgent INTEGER NOT NULL,
  transliterate INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  send_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  in_reply_to INTEGER,
  recipients INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_by_org ON messages(org_id, id);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  org_id INTEGER NOT NULL,
  phone TEXT NOT NULL,
  contact_id INTEGER,
  state TEXT NOT NULL,
  priority INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  send_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  parts_total INTEGER NOT NULL,
  parts_delivered INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_by_message ON deliveries(message_id, state);
CREATE INDEX deliveries_by_phone ON deliveries(org_id, phone);
CREATE INDEX deliveries_due ON deliveries(priority DESC, next_attempt_at, id)
  WHERE state = 'queued';
CREATE INDEX deliveries_in_flight ON deliveries(id) WHERE state = 'sending';

CREATE TABLE delivery_parts (
  delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  part_no INTEGER NOT NULL,
  org_id INTEGER NOT NULL,
  gateway TEXT NOT NULL,
  gateway_message_id TEXT NOT NULL,
  state TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, part_no)
) WITHOUT ROWID;
CREATE INDEX delivery_parts_by_gateway_id ON delivery_parts(gateway, gateway_message_id);

CREATE TABLE pending_receipts (
  id INTEGER PRIMARY KEY,
  gateway TEXT NOT NULL,
  gateway_message_id TEXT NOT NULL,
  state TEXT NOT NULL,
  error TEXT NOT NULL,
  at INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX pending_receipts_by_gateway_id ON pending_receipts(gateway, gateway_message_id);

CREATE TABLE inbound_sms (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  from_number TEXT NOT NULL,
  to_number TEXT NOT NULL,
  text TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  contact_id INTEGER,
  in_reply_to INTEGER,
  gateway TEXT NOT NULL,
  read INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX inbound_by_from ON inbound_sms(org_id, from_number, received_at);
CREATE INDEX inbound_pending ON inbound_sms(id) WHERE kind = 'pending';

CREATE TABLE inbound_parts (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  from_number TEXT NOT NULL,
  to_number TEXT NOT NULL,
  ref INTEGER NOT NULL,
  total INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  gateway TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (org_id, from_number, ref, total, seq)
);
CREATE INDEX inbound_parts_by_time ON inbound_parts(received_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  user_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX audit_by_org ON audit_log(org_id, id);
)sql";

// Issue #4: browser sessions and message templates.
constexpr const char* kWebSessions = R"sql(
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE message_templates (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (org_id, name)
);
)sql";

// Issue #4, contacts page speed: a search (LIKE '%q%' on search_text) scans one covering index
// in page order instead of looking up 100,000 table rows; a street filter pages in order from
// its own index. See docs/storage.md, "Contact search".
constexpr const char* kContactSearchIndexes = R"sql(
DROP INDEX contacts_by_surname;
DROP INDEX contacts_by_street;
CREATE INDEX contacts_by_name ON contacts(org_id, surname, first_name, id, search_text);
CREATE INDEX contacts_by_street ON contacts(org_id, street_key, surname, first_name, id);
)sql";

// Issue #4, Czech order: the contacts list sorts by an ICU "cs" sort key (BLOB, compared with
// memcmp) instead of the surname's bytes, which put "Č" after "Z". Existing rows get their
// key from BackfillSortKeys (C++, ICU) right after the migrations.
constexpr const char* kContactSortKey = R"sql(
ALTER TABLE contacts ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
DROP INDEX contacts_by_name;
DROP INDEX contacts_by_street;
CREATE INDEX contacts_by_name ON contacts(org_id, sort_key, id, search_text);
CREATE INDEX contacts_by_street ON contacts(org_id, street_key, sort_key, id);
)sql";

// Issue #4, Czech order for the residence register's list too (it sorted by the folded keys,
// which put "Čermák" among the C and "Chalupa" before "Cibulka").
constexpr const char* kResidentSortKey = R"sql(
ALTER TABLE residents ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
CREATE INDEX residents_by_sort_key ON residents(org_id, sort_key, id);
)sql";

// Issue #4, the inbox: threads group replies by sender; this index covers that grouping (and
// the unread count) in sender order, so the inbox needs no scan of the table.
constexpr const char* kInboundThreads = R"sql(
CREATE INDEX inbound_threads ON inbound_sms(org_id, kind, from_number, read);
)sql";

constexpr std::array<Migration, 6> kMigrations{{
    {1, kInitialSchema},
    {2, kWebSessions},
    {3, kContactSearchIndexes},
    {4, kContactSortKey},
    {5, kResidentSortKey},
    {6, kInboundThreads},
}};

}  // namespace

int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> SchemaVersion(Db& db) {
  return db.Tx([&]() -> Result<int> {
    db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
        "applied_at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS "
        "INTEGER)))");
    auto st = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    st->executeStep();
    return st->getColumn(0).getInt();
  });
}

Result<int> Migrate(Db& db) {
  auto current = SchemaVersion(db);
  if (!current.ok()) return current.error();
  int applied = 0;
  for (const Migration& m : kMigrations) {
    if (m.version <= *current) continue;
    auto result = db.Tx([&]() -> Result<void> {
      db.Exec(m.sql);
      auto st = db.Prepare("INSERT INTO schema_version(version) VALUES (?)");
      st->bind(1, m.version);
      st->exec();
      return Ok();
    });
    if (!result.ok()) {
      return Error::Internal("migration " + std::to_string(m.version) +
                             " failed: " + result.error().message);
    }
    ++applied;
  }
  return applied;
}

}  // namespace smsinfo::storage::sqlite
