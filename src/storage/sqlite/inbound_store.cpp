// InboundStore over `inbound_sms` and the staging table `inbound_parts`.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"
#include "storage/sqlite/text_fold.hpp"

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

// kColumns with each name qualified by `alias`, for queries that join inbound_sms.
std::string Qualified(std::string_view alias) {
  std::string out;
  std::string_view rest = kColumns;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view name = rest.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out.append(alias).append(".").append(name);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

// A search made only of phone characters looks for those digits in the number; anything else
// searches the contact's name. Returns the digits, or "" for a name search.
std::string PhoneDigits(std::string_view q) {
  std::string digits;
  for (char c : q) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '+' && c != ' ' && c != '-' && c != '/' && c != '(' && c != ')') {
      return "";
    }
  }
  return digits;
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

Result<PageOf<InboundThread>> SqliteInboundStore::Threads(OrgId org,
                                                          const InboundThreadFilter& filter,
                                                          Page page) {
  page = ClampPage(page);
  std::string_view q = filter.q;
  while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
  while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
  const std::string digits = PhoneDigits(q);
  const bool by_name = !q.empty() && digits.empty();
  // One group per sender; with the kind given, the inbound_threads index covers it in order.
  std::string threads =
      "WITH t AS (SELECT from_number AS phone, MAX(id) AS last_id, COUNT(*) AS n, "
      "SUM(read = 0) AS unread FROM inbound_sms WHERE org_id = :org AND "
      "from_number <> 'anonymized'";
  if (filter.kind) threads += " AND kind = :kind";
  if (!digits.empty()) threads += " AND from_number LIKE :digits";
  threads += " GROUP BY from_number";
  if (filter.unread_only) threads += " HAVING SUM(read = 0) > 0";
  threads += ") ";
  const std::string contact =
      " LEFT JOIN contacts c ON c.org_id = :org AND c.phone = t.phone" +
      std::string(by_name ? " WHERE c.search_text LIKE :name ESCAPE '\\'" : "");
  auto bind = [&](SQLite::Statement& st) {
    BindId(st, st.getIndex(":org"), org);
    if (filter.kind) st.bind(":kind", domain::ToString(*filter.kind));
    if (!digits.empty()) st.bind(":digits", '%' + digits + '%');
    if (by_name) st.bind(":name", '%' + EscapeLike(FoldForSearch(q)) + '%');
  };
  return db_.Tx([&]() -> Result<PageOf<InboundThread>> {
    PageOf<InboundThread> out;
    {
      auto count = db_.Prepare(threads + "SELECT COUNT(*) FROM t" + contact);
      bind(*count);
      count->executeStep();
      out.total = count->getColumn(0).getInt64();
    }
    if (out.total <= page.offset) return out;
    auto st = db_.Prepare(threads + "SELECT " + Qualified("s") +
                          ", t.n, t.unread, c.id, c.surname, c.first_name, c.company FROM t "
                          "JOIN inbound_sms s ON s.id = t.last_id" +
                          contact + " ORDER BY t.last_id DESC LIMIT :limit OFFSET :offset");
    bind(*st);
    st->bind(":limit", static_cast<int64_t>(page.limit));
    st->bind(":offset", static_cast<int64_t>(page.offset));
    while (st->executeStep()) {
      InboundThread th;
      th.last = ReadSms(*st);
      th.phone = th.last.from;
      th.count = st->getColumn(11).getInt64();
      th.unread = st->getColumn(12).getInt64();
      th.contact_id = OptIdAt<ContactId>(st->getColumn(13));
      if (th.contact_id) {
        th.contact_name = st->getColumn(14).getString();
        const std::string first = st->getColumn(15).getString();
        if (!first.empty()) th.contact_name += (th.contact_name.empty() ? "" : " ") + first;
        if (th.contact_name.empty()) th.contact_name = st->getColumn(16).getString();
      }
      out.items.push_back(std::move(th));
    }
    return out;
  });
}

Result<std::int64_t> SqliteInboundStore::MarkAllReadFrom(OrgId org, const std::string& from) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare(
        "UPDATE inbound_sms SET read = 1 WHERE org_id = ? AND from_number = ? AND read = 0");
    BindId(*st, 1, org);
    st->bind(2, from);
    return static_cast<std::int64_t>(st->exec());
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
