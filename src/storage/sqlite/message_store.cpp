// MessageStore over `messages` and `deliveries`. Create resolves the recipients with set-based
// SQL into a TEMP table keyed by phone (which deduplicates), then inserts every delivery with one
// INSERT ... SELECT, so a message to a million contacts never holds them in memory.
#include <algorithm>
#include <map>

#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"
#include "storage/sqlite/text_fold.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kMessageColumns =
    "id, org_id, kind, body, text, encoding, segments, urgent, transliterate, priority, send_at, "
    "expires_at, created_by, created_at, in_reply_to, recipients";

constexpr const char* kDeliveryColumns =
    "id, message_id, org_id, phone, contact_id, state, attempts, parts_total, parts_delivered, "
    "error, updated_at";

domain::Message ReadMessage(SQLite::Statement& st) {
  domain::Message m;
  m.id = IdAt<MessageId>(st.getColumn(0));
  m.org_id = IdAt<OrgId>(st.getColumn(1));
  m.kind =
      EnumOr(domain::ParseMessageKind(st.getColumn(2).getString()), domain::MessageKind::kBulk);
  m.body = st.getColumn(3).getString();
  m.text = st.getColumn(4).getString();
  m.encoding = ParseEncodingOr(st.getColumn(5).getString(), domain::Encoding::kGsm7);
  m.segments = st.getColumn(6).getInt();
  m.urgent = st.getColumn(7).getInt() != 0;
  m.transliterate = st.getColumn(8).getInt() != 0;
  m.priority = st.getColumn(9).getInt();
  m.send_at = TimeAt(st.getColumn(10));
  m.expires_at = TimeAt(st.getColumn(11));
  m.created_by = OptIdAt<UserId>(st.getColumn(12));
  m.created_at = TimeAt(st.getColumn(13));
  m.in_reply_to = OptIdAt<InboundId>(st.getColumn(14));
  m.recipients = st.getColumn(15).getInt64();
  return m;
}

domain::Delivery ReadDelivery(SQLite::Statement& st) {
  domain::Delivery d;
  d.id = IdAt<DeliveryId>(st.getColumn(0));
  d.message_id = IdAt<MessageId>(st.getColumn(1));
  d.org_id = IdAt<OrgId>(st.getColumn(2));
  d.phone = st.getColumn(3).getString();
  d.contact_id = OptIdAt<ContactId>(st.getColumn(4));
  d.state = EnumOr(domain::ParseDeliveryState(st.getColumn(5).getString()),
                   domain::DeliveryState::kQueued);
  d.attempts = st.getColumn(6).getInt();
  d.parts_total = st.getColumn(7).getInt();
  d.parts_delivered = st.getColumn(8).getInt();
  d.error = st.getColumn(9).getString();
  d.updated_at = TimeAt(st.getColumn(10));
  return d;
}

bool SelectsNobody(const RecipientSelection& to) {
  return !to.all && to.contacts.empty() && to.groups.empty() && to.streets.empty() &&
         to.phones.empty();
}

}  // namespace

Result<std::int64_t> SqliteMessageStore::ResolveRecipients(OrgId org,
                                                           const RecipientSelection& to) {
  db_.Exec(
      "CREATE TEMP TABLE IF NOT EXISTS recipients (phone TEXT PRIMARY KEY, contact_id INTEGER) "
      "WITHOUT ROWID");
  db_.Exec("DELETE FROM temp.recipients");
  if (to.all) {
    auto st = db_.Prepare(
        "INSERT OR IGNORE INTO temp.recipients(phone, contact_id) SELECT phone, id FROM contacts "
        "WHERE org_id = ? AND status = 'active'");
    BindId(*st, 1, org);
    st->exec();
  }
  if (!to.contacts.empty()) {
    auto status = db_.Prepare("SELECT phone, status FROM contacts WHERE id = ? AND org_id = ?");
    auto add =
        db_.Prepare("INSERT OR IGNORE INTO temp.recipients(phone, contact_id) VALUES (?, ?)");
    for (ContactId id : to.contacts) {
      status->tryReset();
      BindId(*status, 1, id);
      BindId(*status, 2, org);
      if (!status->executeStep()) {
        return Error::NotFound("contact " + std::to_string(id.value) + " does not exist");
      }
      if (status->getColumn(1).getString() != domain::ToString(domain::ContactStatus::kActive)) {
        continue;
      }
      add->tryReset();
      add->bind(1, status->getColumn(0).getString());
      BindId(*add, 2, id);
      add->exec();
    }
  }
  if (!to.groups.empty()) {
    auto exists = db_.Prepare("SELECT 1 FROM contact_groups WHERE id = ? AND org_id = ?");
    auto add = db_.Prepare(
        "INSERT OR IGNORE INTO temp.recipients(phone, contact_id) SELECT c.phone, c.id "
        "FROM group_members m JOIN contacts c ON c.id = m.contact_id "
        "WHERE m.group_id = ? AND c.org_id = ? AND c.status = 'active'");
    for (GroupId id : to.groups) {
      exists->tryReset();
      BindId(*exists, 1, id);
      BindId(*exists, 2, org);
      if (!exists->executeStep()) {
        return Error::NotFound("group " + std::to_string(id.value) + " does not exist");
      }
      add->tryReset();
      BindId(*add, 1, id);
      BindId(*add, 2, org);
      add->exec();
    }
  }
  if (!to.streets.empty()) {
    auto add = db_.Prepare(
        "INSERT OR IGNORE INTO temp.recipients(phone, contact_id) SELECT phone, id FROM contacts "
        "WHERE org_id = ? AND street_key = ? AND status = 'active'");
    for (const std::string& street : to.streets) {
      add->tryReset();
      BindId(*add, 1, org);
      add->bind(2, FoldForSearch(street));
      add->exec();
    }
  }
  if (!to.phones.empty()) {
    // A raw number that belongs to a contact is linked to it, whatever its status: the caller
    // named the number explicitly.
    auto add = db_.Prepare(
        "INSERT OR IGNORE INTO temp.recipients(phone, contact_id) VALUES "
        "(?1, (SELECT id FROM contacts WHERE org_id = ?2 AND phone = ?1))");
    for (const std::string& phone : to.phones) {
      add->tryReset();
      add->bind(1, phone);
      BindId(*add, 2, org);
      add->exec();
    }
  }
  auto st = db_.Prepare("SELECT COUNT(*) FROM temp.recipients");
  st->executeStep();
  return st->getColumn(0).getInt64();
}

Result<std::int64_t> SqliteMessageStore::CountRecipients(OrgId org, const RecipientSelection& to) {
  if (SelectsNobody(to)) return std::int64_t{0};
  return db_.Tx([&]() -> Result<std::int64_t> {
    if (to.all && to.contacts.empty() && to.groups.empty()) {
      // Everyone (streets add nobody new): the active contacts plus the raw numbers that are
      // not one of them, counted without copying 100,000 phones into the temp table.
      auto active =
          db_.Prepare("SELECT COUNT(*) FROM contacts WHERE org_id = ? AND status = 'active'");
      BindId(*active, 1, org);
      active->executeStep();
      std::int64_t count = active->getColumn(0).getInt64();
      auto is_active = db_.Prepare(
          "SELECT 1 FROM contacts WHERE org_id = ? AND phone = ? AND status = 'active'");
      std::vector<std::string> phones = to.phones;
      std::sort(phones.begin(), phones.end());
      phones.erase(std::unique(phones.begin(), phones.end()), phones.end());
      for (const std::string& phone : phones) {
        is_active->tryReset();
        BindId(*is_active, 1, org);
        is_active->bind(2, phone);
        if (!is_active->executeStep()) ++count;
      }
      return count;
    }
    auto count = ResolveRecipients(org, to);
    db_.Exec("DELETE FROM temp.recipients");
    return count;
  });
}

Result<domain::Message> SqliteMessageStore::Create(const domain::Message& message,
                                                   const RecipientSelection& to) {
  if (SelectsNobody(to)) return Error::InvalidInput("the message has no recipients");
  return db_.Tx([&]() -> Result<domain::Message> {
    auto resolved = ResolveRecipients(message.org_id, to);
    if (!resolved.ok()) return resolved.error();
    const std::int64_t count = *resolved;
    if (count == 0) return Error::InvalidInput("nobody is selected: no active contact matches");

    domain::Message created = message;
    {
      auto st = db_.Prepare(
          "INSERT INTO messages(org_id, kind, body, text, encoding, segments, urgent, "
          "transliterate, priority, send_at, expires_at, created_by, created_at, in_reply_to, "
          "recipients) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      BindId(*st, 1, message.org_id);
      st->bind(2, domain::ToString(message.kind));
      st->bind(3, message.body);
      st->bind(4, message.text);
      st->bind(5, domain::ToString(message.encoding));
      st->bind(6, message.segments);
      st->bind(7, message.urgent ? 1 : 0);
      st->bind(8, message.transliterate ? 1 : 0);
      st->bind(9, message.priority);
      BindTime(*st, 10, message.send_at);
      BindTime(*st, 11, message.expires_at);
      BindId(*st, 12, message.created_by);
      BindTime(*st, 13, message.created_at);
      BindId(*st, 14, message.in_reply_to);
      st->bind(15, static_cast<int64_t>(count));
      st->exec();
      created.id = MessageId(db_.LastInsertId());
    }
    {
      auto st = db_.Prepare(
          "INSERT INTO deliveries(message_id, org_id, phone, contact_id, state, priority, "
          "attempts, next_attempt_at, send_at, expires_at, parts_total, parts_delivered, error, "
          "updated_at) SELECT ?1, ?2, phone, contact_id, 'queued', ?3, 0, ?4, ?4, ?5, ?6, 0, '', "
          "?7 FROM temp.recipients");
      BindId(*st, 1, created.id);
      BindId(*st, 2, message.org_id);
      st->bind(3, message.priority);
      BindTime(*st, 4, message.send_at);
      BindTime(*st, 5, message.expires_at);
      st->bind(6, message.segments);
      BindTime(*st, 7, message.created_at);
      st->exec();
    }
    db_.Exec("DELETE FROM temp.recipients");
    created.recipients = count;
    created.counts.clear();
    created.counts[domain::DeliveryState::kQueued] = count;
    return created;
  });
}

Result<void> SqliteMessageStore::FillCounts(std::vector<domain::Message>& messages) {
  if (messages.empty()) return Ok();
  std::vector<MessageId> ids;
  std::map<std::int64_t, domain::Message*> by_id;
  for (domain::Message& m : messages) {
    ids.push_back(m.id);
    by_id[m.id.value] = &m;
    m.counts.clear();
  }
  auto st = db_.Prepare(
      "SELECT message_id, state, COUNT(*) FROM deliveries WHERE message_id IN "
      "(SELECT value FROM json_each(?)) GROUP BY message_id, state");
  st->bind(1, IdListJson(ids));
  while (st->executeStep()) {
    auto state = domain::ParseDeliveryState(st->getColumn(1).getString());
    auto it = by_id.find(st->getColumn(0).getInt64());
    if (!state || it == by_id.end()) continue;
    it->second->counts[*state] = st->getColumn(2).getInt64();
  }
  return Ok();
}

Result<void> SqliteMessageStore::RequireMessage(OrgId org, MessageId id) {
  auto st = db_.Prepare("SELECT 1 FROM messages WHERE id = ? AND org_id = ?");
  BindId(*st, 1, id);
  BindId(*st, 2, org);
  if (!st->executeStep()) {
    return Error::NotFound("message " + std::to_string(id.value) + " does not exist");
  }
  return Ok();
}

Result<domain::Message> SqliteMessageStore::Get(OrgId org, MessageId id) {
  return db_.Tx([&]() -> Result<domain::Message> {
    std::vector<domain::Message> found;
    {
      auto st = db_.Prepare(std::string("SELECT ") + kMessageColumns +
                            " FROM messages WHERE id = ? AND org_id = ?");
      BindId(*st, 1, id);
      BindId(*st, 2, org);
      if (!st->executeStep()) {
        return Error::NotFound("message " + std::to_string(id.value) + " does not exist");
      }
      found.push_back(ReadMessage(*st));
    }
    SMSINFO_TRY(FillCounts(found));
    return std::move(found.front());
  });
}

Result<PageOf<domain::Message>> SqliteMessageStore::List(OrgId org, const MessageFilter& filter,
                                                         Page page) {
  page = ClampPage(page);
  const std::string where =
      " FROM messages WHERE org_id = ?1 AND (?2 = '' OR body LIKE '%' || ?2 || '%' ESCAPE '\\') "
      "AND (?3 IS NULL OR kind = ?3) AND (?6 = '' OR id IN (SELECT message_id FROM deliveries "
      "WHERE org_id = ?1 AND phone = ?6))";
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, 1, org);
    st.bind(2, EscapeLike(filter.q));
    st.bind(6, filter.phone);
    if (filter.kind) {
      st.bind(3, domain::ToString(*filter.kind));
    } else {
      st.bind(3);
    }
  };
  return db_.Tx([&]() -> Result<PageOf<domain::Message>> {
    PageOf<domain::Message> out;
    {
      auto count = db_.Prepare("SELECT COUNT(*)" + where);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    {
      auto st = db_.Prepare(std::string("SELECT ") + kMessageColumns + where +
                            " ORDER BY id DESC LIMIT ?4 OFFSET ?5");
      bind(*st);
      st->bind(4, static_cast<int64_t>(page.limit));
      st->bind(5, static_cast<int64_t>(page.offset));
      while (st->executeStep()) out.items.push_back(ReadMessage(*st));
    }
    SMSINFO_TRY(FillCounts(out.items));
    return out;
  });
}

Result<std::int64_t> SqliteMessageStore::Cancel(OrgId org, MessageId id, TimePoint at) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    SMSINFO_TRY(RequireMessage(org, id));
    auto st = db_.Prepare(
        "UPDATE deliveries SET state = 'cancelled', updated_at = ? "
        "WHERE message_id = ? AND state = 'queued'");
    BindTime(*st, 1, at);
    BindId(*st, 2, id);
    return static_cast<std::int64_t>(st->exec());
  });
}

Result<PageOf<domain::Delivery>> SqliteMessageStore::ListDeliveries(OrgId org, MessageId id,
                                                                    const DeliveryFilter& filter,
                                                                    Page page) {
  page = ClampPage(page);
  const std::string where =
      " FROM deliveries WHERE message_id = ?1 AND (?2 IS NULL OR state = ?2) AND "
      "(?3 = '' OR phone = ?3)";
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, 1, id);
    if (filter.state) {
      st.bind(2, domain::ToString(*filter.state));
    } else {
      st.bind(2);
    }
    st.bind(3, filter.phone);
  };
  return db_.Tx([&]() -> Result<PageOf<domain::Delivery>> {
    SMSINFO_TRY(RequireMessage(org, id));
    PageOf<domain::Delivery> out;
    {
      auto count = db_.Prepare("SELECT COUNT(*)" + where);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    auto st = db_.Prepare(std::string("SELECT ") + kDeliveryColumns + where +
                          " ORDER BY id LIMIT ?4 OFFSET ?5");
    bind(*st);
    st->bind(4, static_cast<int64_t>(page.limit));
    st->bind(5, static_cast<int64_t>(page.offset));
    while (st->executeStep()) out.items.push_back(ReadDelivery(*st));
    return out;
  });
}

Result<std::int64_t> SqliteMessageStore::RetryFailed(OrgId org, MessageId id, TimePoint at) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    SMSINFO_TRY(RequireMessage(org, id));
    {
      auto parts = db_.Prepare(
          "DELETE FROM delivery_parts WHERE delivery_id IN (SELECT id FROM deliveries "
          "WHERE message_id = ? AND state IN ('failed', 'undeliverable', 'expired'))");
      BindId(*parts, 1, id);
      parts->exec();
    }
    auto st = db_.Prepare(
        "UPDATE deliveries SET state = 'queued', next_attempt_at = MAX(?1, send_at), "
        "parts_delivered = 0, error = '', updated_at = ?1 "
        "WHERE message_id = ?2 AND state IN ('failed', 'undeliverable', 'expired')");
    BindTime(*st, 1, at);
    BindId(*st, 2, id);
    return static_cast<std::int64_t>(st->exec());
  });
}

Result<std::optional<MessageId>> SqliteMessageStore::LastMessageTo(OrgId org,
                                                                   const std::string& phone) {
  return db_.Tx([&]() -> Result<std::optional<MessageId>> {
    auto st = db_.Prepare(
        "SELECT message_id FROM deliveries WHERE org_id = ? AND phone = ? ORDER BY id DESC "
        "LIMIT 1");
    BindId(*st, 1, org);
    st->bind(2, phone);
    if (!st->executeStep()) return std::optional<MessageId>();
    return std::optional<MessageId>(IdAt<MessageId>(st->getColumn(0)));
  });
}

}  // namespace smsinfo::storage::sqlite
