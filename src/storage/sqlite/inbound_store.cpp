// InboundStore over `inbound_sms` and the staging table `inbound_parts`.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, org_id, from_number, to_number, text, received_at, kind, contact_id, in_reply_to, "
    "gateway, read";
constexpr const char* kPartColumns =
    "org_id, from_number, to_number, ref, total, seq, text, gateway, received_at";

domain::InboundSms ReadSms(SQLite::Statement& st) {
  domain::InboundSms s;
  s.id = IdAt<InboundId>(st.getColumn(0));
  s.org_id = IdAt<OrgId>(st.getColumn(1));
  s.from = st.getColumn(2).getString();
  s.to = st.getColumn(3).getString();
  s.text = st.getColumn(4).getString();
  s.received_at = TimeAt(st.getColumn(5));
  s.kind =
      EnumOr(domain::ParseInboundKind(st.getColumn(6).getString()), domain::InboundKind::kPending);
  s.contact_id = OptIdAt<ContactId>(st.getColumn(7));
  s.in_reply_to = OptIdAt<MessageId>(st.getColumn(8));
  s.gateway = st.getColumn(9).getString();
  s.read = st.getColumn(10).getInt() != 0;
  return s;
}

InboundPart ReadPart(SQLite::Statement& st) {
  InboundPart p;
  p.org_id = IdAt<OrgId>(st.getColumn(0));
  p.from = st.getColumn(1).getString();
  p.to = st.getColumn(2).getString();
  p.ref = st.getColumn(3).getInt();
  p.total = st.getColumn(4).getInt();
  p.seq = st.getColumn(5).getInt();
  p.text = st.getColumn(6).getString();
  p.gateway = st.getColumn(7).getString();
  p.received_at = TimeAt(st.getColumn(8));
  return p;
}

Error NoSms(InboundId id) {
  return Error::NotFound("inbound SMS " + std::to_string(id.value) + " does not exist");
}

}  // namespace

Result<domain::InboundSms> SqliteInboundStore::Insert(const domain::InboundSms& sms) {
  return db_.Tx([&]() -> Result<domain::InboundSms> {
    auto st = db_.Prepare(
        "INSERT INTO inbound_sms(org_id, from_number, to_number, text, received_at, kind, "
        "contact_id, in_reply_to, gateway, read) VALUES (?,?,?,?,?,?,?,?,?,?)");
    BindId(*st, 1, sms.org_id);
    st->bind(2, sms.from);
    st->bind(3, sms.to);
    st->bind(4, sms.text);
    BindTime(*st, 5, sms.received_at);
    st->bind(6, domain::ToString(sms.kind));
    BindId(*st, 7, sms.contact_id);
    BindId(*st, 8, sms.in_reply_to);
    st->bind(9, sms.gateway);
    st->bind(10, sms.read ? 1 : 0);
    st->exec();
    domain::InboundSms stored = sms;
    stored.id = InboundId(db_.LastInsertId());
    return stored;
  });
}

Result<domain::InboundSms> SqliteInboundStore::Get(OrgId org, InboundId id) {
  return db_.Tx([&]() -> Result<domain::InboundSms> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM inbound_sms WHERE id = ? AND org_id = ?");
    BindId(*st, 1, id);
    BindId(*st, 2, org);
    if (!st->executeStep()) return NoSms(id);
    return ReadSms(*st);
  });
}

Result<void> SqliteInboundStore::Classify(InboundId id, domain::InboundKind kind,
                                          std::optional<ContactId> contact,
                                          std::optional<MessageId> in_reply_to) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "UPDATE inbound_sms SET kind = ?, contact_id = ?, in_reply_to = ? WHERE id = ?");
    st->bind(1, domain::ToString(kind));
    BindId(*st, 2, contact);
    BindId(*st, 3, in_reply_to);
    BindId(*st, 4, id);
    if (st->exec() == 0) return NoSms(id);
    return Ok();
  });
}

Result<void> SqliteInboundStore::MarkRead(OrgId org, InboundId id, bool read) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare("UPDATE inbound_sms SET read = ? WHERE id = ? AND org_id = ?");
    st->bind(1, read ? 1 : 0);
    BindId(*st, 2, id);
    BindId(*st, 3, org);
    if (st->exec() == 0) return NoSms(id);
    return Ok();
  });
}

Result<PageOf<domain::InboundSms>> SqliteInboundStore::List(OrgId org, const InboundFilter& filter,
                                                            Page page) {
  page = ClampPage(page);
  const std::string where =
      " FROM inbound_sms WHERE org_id = ?1 AND (?2 = '' OR from_number = ?2) AND "
      "(?3 IS NULL OR kind = ?3)";
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, 1, org);
    st.bind(2, filter.from);
    if (filter.kind) {
      st.bind(3, domain::ToString(*filter.kind));
    } else {
      st.bind(3);
    }
  };
  return db_.Tx([&]() -> Result<PageOf<domain::InboundSms>> {
    PageOf<domain::InboundSms> out;
    {
      auto count = db_.Prepare("SELECT COUNT(*)" + where);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    auto st = db_.Prepare(std::string("SELECT ") + kColumns + where +
                          " ORDER BY id DESC LIMIT ?4 OFFSET ?5");
    bind(*st);
    st->bind(4, static_cast<int64_t>(page.limit));
    st->bind(5, static_cast<int64_t>(page.offset));
    while (st->executeStep()) out.items.push_back(ReadSms(*st));
    return out;
  });
}

Result<std::vector<domain::InboundSms>> SqliteInboundStore::ListPending(std::size_t limit) {
  return db_.Tx([&]() -> Result<std::vector<domain::InboundSms>> {
    auto st = db_.Prepare(std::string("SELECT ") + kColumns +
                          " FROM inbound_sms WHERE kind = 'pending' ORDER BY id LIMIT ?");
    st->bind(1, static_cast<int64_t>(limit));
    std::vector<domain::InboundSms> out;
    while (st->executeStep()) out.push_back(ReadSms(*st));
    return out;
  });
}

Result<std::int64_t> SqliteInboundStore::CountFrom(OrgId org, const std::string& from,
                                                   TimePoint since) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare(
        "SELECT COUNT(*) FROM inbound_sms WHERE org_id = ? AND from_number = ? AND "
        "received_at >= ?");
    BindId(*st, 1, org);
    st->bind(2, from);
    BindTime(*st, 3, since);
    st->executeStep();
    return st->getColumn(0).getInt64();
  });
}

Result<void> SqliteInboundStore::StorePart(const InboundPart& part) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "INSERT OR IGNORE INTO inbound_parts(org_id, from_number, to_number, ref, total, seq, "
        "text, gateway, received_at) VALUES (?,?,?,?,?,?,?,?,?)");
    BindId(*st, 1, part.org_id);
    st->bind(2, part.from);
    st->bind(3, part.to);
    st->bind(4, part.ref);
    st->bind(5, part.total);
    st->bind(6, part.seq);
    st->bind(7, part.text);
    st->bind(8, part.gateway);
    BindTime(*st, 9, part.received_at);
    st->exec();
    return Ok();
  });
}

Result<std::vector<InboundPart>> SqliteInboundStore::PartsOf(OrgId org, const std::string& from,
                                                             int ref, int total) {
  return db_.Tx([&]() -> Result<std::vector<InboundPart>> {
    auto st = db_.Prepare(std::string("SELECT ") + kPartColumns +
                          " FROM inbound_parts WHERE org_id = ? AND from_number = ? AND ref = ? "
                          "AND total = ? ORDER BY seq");
    BindId(*st, 1, org);
    st->bind(2, from);
    st->bind(3, ref);
    st->bind(4, total);
    std::vector<InboundPart> out;
    while (st->executeStep()) out.push_back(ReadPart(*st));
    return out;
  });
}

Result<void> SqliteInboundStore::DeletePartsOf(OrgId org, const std::string& from, int ref,
                                               int total) {
  return db_.Tx([&]() -> Result<void> {
    auto st = db_.Prepare(
        "DELETE FROM inbound_parts WHERE org_id = ? AND from_number = ? AND ref = ? AND "
        "total = ?");
    BindId(*st, 1, org);
    st->bind(2, from);
    st->bind(3, ref);
    st->bind(4, total);
    st->exec();
    return Ok();
  });
}

Result<std::vector<InboundPart>> SqliteInboundStore::StaleParts(TimePoint before) {
  return db_.Tx([&]() -> Result<std::vector<InboundPart>> {
    // One row per concatenated SMS: its lowest seq, if its earliest part is older than `before`.
    auto st = db_.Prepare(
        std::string("SELECT ") + kPartColumns +
        " FROM inbound_parts p WHERE p.seq = (SELECT MIN(q.seq) FROM inbound_parts q WHERE "
        "q.org_id = p.org_id AND q.from_number = p.from_number AND q.ref = p.ref AND "
        "q.total = p.total) AND (SELECT MIN(q.received_at) FROM inbound_parts q WHERE "
        "q.org_id = p.org_id AND q.from_number = p.from_number AND q.ref = p.ref AND "
        "q.total = p.total) < ? ORDER BY p.received_at");
    BindTime(*st, 1, before);
    std::vector<InboundPart> out;
    while (st->executeStep()) out.push_back(ReadPart(*st));
    return out;
  });
}

}  // namespace smsinfo::storage::sqlite
