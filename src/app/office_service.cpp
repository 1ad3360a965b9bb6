#include "app/office_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/phone_number.hpp"
#include "residents/register_csv.hpp"

namespace smsinfo::app {
namespace {

Result<std::string> ParsePhone(const std::string& raw) {
  if (raw.empty()) return Error::InvalidInput("a phone number is required");
  auto phone = domain::PhoneNumber::Parse(raw);
  if (!phone.ok()) return phone.error();
  return phone->e164();
}

// The import's column names, Czech or English, folded to lower case ASCII.
enum class Column {
  kPhone,
  kSurname,
  kFirstName,
  kStreet,
  kHouse,
  kOrientation,
  kCompany,
  kGroups
};

std::optional<Column> ColumnOf(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, Column> kNames = {
      {"phone", Column::kPhone},        {"telefon", Column::kPhone},
      {"surname", Column::kSurname},    {"prijmeni", Column::kSurname},
      {"příjmení", Column::kSurname},   {"first_name", Column::kFirstName},
      {"jmeno", Column::kFirstName},    {"jméno", Column::kFirstName},
      {"street", Column::kStreet},      {"ulice", Column::kStreet},
      {"house_number", Column::kHouse}, {"cp", Column::kHouse},
      {"čp", Column::kHouse},           {"orientation_number", Column::kOrientation},
      {"co", Column::kOrientation},     {"čo", Column::kOrientation},
      {"company", Column::kCompany},    {"firma", Column::kCompany},
      {"groups", Column::kGroups},      {"skupiny", Column::kGroups}};
  auto it = kNames.find(name);
  if (it == kNames.end()) return std::nullopt;
  return it->second;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> SplitGroups(const std::string& cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find('|', start);
    if (end == std::string::npos) end = cell.size();
    std::string name = Trim(std::string_view(cell).substr(start, end - start));
    if (!name.empty()) out.push_back(std::move(name));
    start = end + 1;
  }
  return out;
}

// One CSV cell: quoted when needed; text a spreadsheet would run as a formula gets a leading
// apostrophe (phone numbers are written as they are: "+420..." is a number to spreadsheets).
std::string CsvCell(const std::string& value, bool guard_formula) {
  std::string v = value;
  if (guard_formula && !v.empty() &&
      (v.front() == '=' || v.front() == '+' || v.front() == '-' || v.front() == '@')) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<void> CheckLength(const std::string& value, const char* field, std::size_t max) {
  if (value.size() > max) {
    return Error::InvalidInput(std::string(field) + " is longer than " + std::to_string(max) +
                               " bytes");
  }
  return Ok();
}

}  // namespace

OfficeService::OfficeService(storage::Store& store, const Clock& clock, AuditLog& audit,
                             MessageService& messages)
    : store_(store), clock_(clock), audit_(audit), messages_(messages) {}

std::string OfficeService::MaskPhone(const std::string& e164) {
  if (e164.size() <= 7) return std::string(e164.size(), '*');
  return e164.substr(0, e164.size() - 6) + "***" + e164.substr(e164.size() - 3);
}

Result<Overview> OfficeService::GetOverview(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  auto org = store_.organizations().Get(actor.org);
  if (!org.ok()) return org.error();
  using namespace std::chrono;
  const TimePoint now = clock_.Now();
  const year_month_day today{floor<days>(now)};
  const year_month this_month = today.year() / today.month();
  const year_month next_month = this_month + months(1);
  Overview o;
  o.month_start = time_point_cast<Duration>(sys_days(this_month / 1));
  const TimePoint month_end = time_point_cast<Duration>(sys_days(next_month / 1));
  auto totals = store_.reports().Totals(actor.org, o.month_start, month_end);
  if (!totals.ok()) return totals.error();
  o.month = *totals;
  o.delivery_rate = o.month.recipients > 0 ? static_cast<double>(o.month.delivered) /
                                                 static_cast<double>(o.month.recipients)
                                           : 0.0;
  o.cost_milli = o.month.segments * org->price_per_segment_milli;
  storage::RegistrationFilter pending;
  pending.status = domain::RegistrationStatus::kPending;
  auto regs = store_.registrations().List(actor.org, pending, storage::Page{1, 0});
  if (!regs.ok()) return regs.error();
  o.registrations_pending = regs->total;
  auto unread = store_.reports().UnreadReplies(actor.org);
  if (!unread.ok()) return unread.error();
  o.replies_unread = *unread;
  return o;
}

Result<SendResult> OfficeService::Reply(const Actor& actor, InboundId id, const std::string& text) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  auto sms = store_.inbound().Get(actor.org, id);
  if (!sms.ok()) return sms.error();
  auto phone = domain::PhoneNumber::Parse(sms->from);
  if (!phone.ok()) {
    return Error::InvalidInput("the sender of this SMS has no phone number to answer");
  }
  SendRequest request;
  request.text = text;
  request.recipients.phones = {phone->e164()};
  request.kind = domain::MessageKind::kReply;
  request.in_reply_to = id;
  auto sent = messages_.Send(actor, request);
  if (!sent.ok()) return sent.error();
  (void)store_.inbound().MarkRead(actor.org, id, true);  // the reply is what matters
  return sent;
}

Result<PhoneRecord> OfficeService::ExportPhone(const Actor& actor, const std::string& raw) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  auto phone = ParsePhone(raw);
  if (!phone.ok()) return phone.error();
  PhoneRecord r;
  r.phone = *phone;
  auto contact = store_.contacts().FindByPhone(actor.org, *phone);
  if (contact.ok()) {
    r.contact = *contact;
    for (GroupId g : contact->groups) {
      auto group = store_.groups().Get(actor.org, g);
      if (group.ok()) r.groups.push_back(*group);
    }
  } else if (contact.error().code != ErrorCode::kNotFound) {
    return contact.error();
  }
  constexpr std::int64_t kMax = 1000;
  storage::RegistrationFilter rf;
  rf.phone = *phone;
  auto regs = store_.registrations().List(actor.org, rf, storage::Page{kMax, 0});
  if (!regs.ok()) return regs.error();
  r.registrations = std::move(regs->items);
  storage::InboundFilter inf;
  inf.from = *phone;
  auto inbound = store_.inbound().List(actor.org, inf, storage::Page{kMax, 0});
  if (!inbound.ok()) return inbound.error();
  r.inbound = std::move(inbound->items);
  auto deliveries = store_.privacy().DeliveriesTo(actor.org, *phone, kMax);
  if (!deliveries.ok()) return deliveries.error();
  r.deliveries = std::move(*deliveries);
  SMSINFO_TRY(audit_.Record(actor, "privacy.export", "phone:" + MaskPhone(*phone)));
  return r;
}

Result<std::int64_t> OfficeService::ErasePhone(const Actor& actor, const std::string& raw) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  auto phone = ParsePhone(raw);
  if (!phone.ok()) return phone.error();
  std::int64_t touched = 0;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto n = store_.privacy().ErasePhone(actor.org, *phone);
    if (!n.ok()) return n.error();
    touched = *n;
    return audit_.Record(actor, "privacy.erase", "phone:" + MaskPhone(*phone),
                         std::to_string(touched) + " rows");
  });
  if (!tx.ok()) return tx.error();
  return touched;
}

Result<std::vector<storage::MessageTemplate>> OfficeService::ListTemplates(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.templates().List(actor.org);
}

Result<storage::MessageTemplate> OfficeService::CreateTemplate(const Actor& actor,
                                                               const std::string& name,
                                                               const std::string& text) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  if (name.empty() || name.size() > 100) {
    return Error::InvalidInput("template name must be 1 to 100 bytes");
  }
  if (text.empty() || text.size() > 4 * MessageService::kMaxBodyCharacters) {
    return Error::InvalidInput("template text must not be empty or too long");
  }
  storage::MessageTemplate t;
  t.org_id = actor.org;
  t.name = name;
  t.text = text;
  t.created_by = actor.user;
  t.created_at = clock_.Now();
  storage::MessageTemplate created;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto c = store_.templates().Create(t);
    if (!c.ok()) return c.error();
    created = *c;
    return audit_.Record(actor, "template.create", "template:" + std::to_string(c->id), name);
  });
  if (!tx.ok()) return tx.error();
  return created;
}

Result<void> OfficeService::DeleteTemplate(const Actor& actor, std::int64_t id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.templates().Delete(actor.org, id));
    return audit_.Record(actor, "template.delete", "template:" + std::to_string(id));
  });
}

Result<ContactImportReport> OfficeService::ImportContacts(const Actor& actor, std::string_view csv,
                                                          bool dry_run) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  auto table = residents::ReadCsv(csv);
  if (!table.ok()) return table.error();
  ContactImportReport report;
  for (const auto& e : table->errors) report.errors.push_back({e.line, e.message});
  std::vector<std::optional<Column>> columns;
  bool has_phone = false;
  for (const auto& name : table->header) {
    columns.push_back(ColumnOf(Trim(name)));
    if (columns.back() == Column::kPhone) has_phone = true;
  }
  if (!has_phone) {
    return Error::InvalidInput("the CSV needs a column phone (or telefon)");
  }
  report.rows = static_cast<std::int64_t>(table->rows.size() + table->errors.size());

  struct Row {
    int line = 0;
    domain::Contact contact;
    std::optional<std::vector<std::string>> groups;  // absent column: memberships kept
  };
  std::vector<Row> rows;
  std::set<std::string> seen_phones;
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    Row row;
    row.line = table->row_lines[i];
    domain::Contact& c = row.contact;
    c.org_id = actor.org;
    c.source = domain::ContactSource::kImport;
    for (std::size_t k = 0; k < columns.size() && k < table->rows[i].size(); ++k) {
      if (!columns[k]) continue;
      const std::string& v = table->rows[i][k];
      switch (*columns[k]) {
        case Column::kPhone:
          c.phone = v;
          break;
        case Column::kSurname:
          c.surname = v;
          break;
        case Column::kFirstName:
          c.first_name = v;
          break;
        case Column::kStreet:
          c.street = v;
          break;
        case Column::kHouse:
          c.house_number = v;
          break;
        case Column::kOrientation:
          c.orientation_number = v;
          break;
        case Column::kCompany:
          c.company = v;
          break;
        case Column::kGroups:
          row.groups = SplitGroups(v);
          break;
      }
    }
    auto check = [&]() -> Result<void> {
      auto phone = ParsePhone(c.phone);
      if (!phone.ok()) return phone.error();
      c.phone = *phone;
      SMSINFO_TRY(CheckLength(c.surname, "surname", 100));
      SMSINFO_TRY(CheckLength(c.first_name, "first_name", 100));
      SMSINFO_TRY(CheckLength(c.street, "street", 100));
      SMSINFO_TRY(CheckLength(c.house_number, "house_number", 20));
      SMSINFO_TRY(CheckLength(c.orientation_number, "orientation_number", 20));
      SMSINFO_TRY(CheckLength(c.company, "company", 200));
      if (row.groups) {
        for (const auto& g : *row.groups) SMSINFO_TRY(CheckLength(g, "group name", 100));
      }
      if (!seen_phones.insert(c.phone).second) {
        return Error::InvalidInput("the phone " + c.phone + " is in the file twice");
      }
      return Ok();
    };
    if (auto ok = check(); !ok.ok()) {
      report.errors.push_back({row.line, ok.error().message});
      continue;
    }
    rows.push_back(std::move(row));
  }
  std::sort(report.errors.begin(), report.errors.end(),
            [](const auto& a, const auto& b) { return a.line < b.line; });

  // Creates or updates every row inside one transaction; a dry run counts and rolls back.
  const TimePoint now = clock_.Now();
  std::int64_t created = 0;
  std::int64_t updated = 0;
  const bool write = !dry_run && report.errors.empty();
  bool rolled_back_on_purpose = false;
  auto work = [&]() -> Result<void> {
    std::map<std::string, GroupId> groups;
    auto group_id = [&](const std::string& name) -> Result<GroupId> {
      if (auto it = groups.find(name); it != groups.end()) return it->second;
      auto found = store_.groups().FindByName(actor.org, name);
      GroupId id;
      if (found.ok()) {
        id = found->id;
      } else if (found.error().code == ErrorCode::kNotFound) {
        domain::Group g;
        g.org_id = actor.org;
        g.name = name;
        auto made = store_.groups().Create(g);
        if (!made.ok()) return made.error();
        id = made->id;
      } else {
        return found.error();
      }
      groups[name] = id;
      return id;
    };
    for (Row& row : rows) {
      domain::Contact c = row.contact;
      auto existing = store_.contacts().FindByPhone(actor.org, c.phone);
      if (!existing.ok() && existing.error().code != ErrorCode::kNotFound) {
        return existing.error();
      }
      if (row.groups) {
        c.groups.clear();
        for (const auto& name : *row.groups) {
          auto id = group_id(name);
          if (!id.ok()) return id.error();
          c.groups.push_back(*id);
        }
      }
      c.updated_at = now;
      if (existing.ok()) {
        c.id = existing->id;
        c.status = existing->status;
        c.source = existing->source;
        c.created_at = existing->created_at;
        if (!row.groups) c.groups = existing->groups;
        auto u = store_.contacts().Update(c);
        if (!u.ok()) return u.error();
        ++updated;
      } else {
        c.created_at = now;
        auto made = store_.contacts().Create(c);
        if (!made.ok()) return made.error();
        ++created;
      }
    }
    if (!write) {
      rolled_back_on_purpose = true;
      return Error::Conflict("dry run");  // rolls everything back
    }
    return audit_.Record(
        actor, "contact.import", "contacts",
        std::to_string(created) + " created, " + std::to_string(updated) + " updated");
  };
  if (!report.errors.empty()) {
    // Count only: nothing is written when a row is bad.
    for (const Row& row : rows) {
      auto existing = store_.contacts().FindByPhone(actor.org, row.contact.phone);
      (existing.ok() ? updated : created) += 1;
    }
  } else {
    auto tx = store_.InTransaction(work);
    if (!tx.ok() && !rolled_back_on_purpose) return tx.error();
  }
  report.created = created;
  report.updated = updated;
  report.written = write;
  return report;
}

Result<std::string> OfficeService::ExportContactsCsv(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  auto groups = store_.groups().List(actor.org);
  if (!groups.ok()) return groups.error();
  std::map<GroupId, std::string> group_names;
  for (const auto& g : *groups) group_names[g.id] = g.name;
  std::string out = "\xEF\xBB\xBF";
  out += "telefon;prijmeni;jmeno;ulice;cp;co;firma;skupiny;stav\r\n";
  storage::Page page{1000, 0};
  while (true) {
    auto list = store_.contacts().List(actor.org, storage::ContactFilter{}, page);
    if (!list.ok()) return list.error();
    for (const auto& c : list->items) {
      std::string names;
      for (GroupId g : c.groups) {
        if (!names.empty()) names += '|';
        names += group_names[g];
      }
      out += CsvCell(c.phone, false) + ';' + CsvCell(c.surname, true) + ';' +
             CsvCell(c.first_name, true) + ';' + CsvCell(c.street, true) + ';' +
             CsvCell(c.house_number, true) + ';' + CsvCell(c.orientation_number, true) + ';' +
             CsvCell(c.company, true) + ';' + CsvCell(names, true) + ';' +
             domain::ToString(c.status) + "\r\n";
    }
    page.offset += static_cast<std::int64_t>(list->items.size());
    if (list->items.empty() || page.offset >= list->total) break;
  }
  return out;
}

Result<RecipientPreview> OfficeService::PreviewRecipients(const Actor& actor,
                                                          storage::RecipientSelection to) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  RecipientPreview preview;
  std::vector<std::string> phones;
  for (const auto& raw : to.phones) {
    auto phone = domain::PhoneNumber::Parse(raw);
    if (phone.ok()) {
      phones.push_back(phone->e164());
    } else {
      preview.invalid_phones.push_back(raw);
    }
  }
  to.phones = std::move(phones);
  auto count = store_.messages().CountRecipients(actor.org, to);
  if (!count.ok()) return count.error();
  preview.recipients = *count;
  return preview;
}

Result<RegistrationResidents> OfficeService::ResidentsOf(const Actor& actor, RegistrationId id) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  auto registration = store_.registrations().Get(actor.org, id);
  if (!registration.ok()) return registration.error();
  RegistrationResidents out;
  if (registration->resident_id) {
    auto r = store_.residents().Get(actor.org, *registration->resident_id);
    if (r.ok()) out.resident = *r;  // a register imported since may no longer hold it
  }
  for (ResidentId candidate : registration->candidates) {
    auto r = store_.residents().Get(actor.org, candidate);
    if (r.ok()) out.candidates.push_back(*r);
  }
  return out;
}

Result<storage::PageOf<domain::AuditEntry>> OfficeService::ListAudit(
    const Actor& actor, const storage::AuditFilter& filter, storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  return store_.audit().List(actor.org, filter, page);
}

}  // namespace smsinfo::app
