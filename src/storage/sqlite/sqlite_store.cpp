#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {
namespace {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Db> db)
      : db_(std::move(db)),
        organizations_(*db_),
        users_(*db_),
        contacts_(*db_),
        groups_(*db_),
        residents_(*db_),
        registrations_(*db_),
        messages_(*db_),
        deliveries_(*db_),
        inbound_(*db_),
        audit_(*db_),
        privacy_(*db_),
        sessions_(*db_),
        templates_(*db_),
        reports_(*db_) {}

  OrganizationStore& organizations() override { return organizations_; }
  UserStore& users() override { return users_; }
  ContactStore& contacts() override { return contacts_; }
  GroupStore& groups() override { return groups_; }
  ResidentStore& residents() override { return residents_; }
  RegistrationStore& registrations() override { return registrations_; }
  MessageStore& messages() override { return messages_; }
  DeliveryStore& deliveries() override { return deliveries_; }
  InboundStore& inbound() override { return inbound_; }
  AuditStore& audit() override { return audit_; }
  PrivacyStore& privacy() override { return privacy_; }
  SessionStore& sessions() override { return sessions_; }
  TemplateStore& templates() override { return templates_; }
  ReportStore& reports() override { return reports_; }

  Result<void> InTransaction(const std::function<Result<void>()>& work) override {
    return db_->Tx(work);
  }

 private:
  std::unique_ptr<Db> db_;
  SqliteOrganizationStore organizations_;
  SqliteUserStore users_;
  SqliteContactStore contacts_;
  SqliteGroupStore groups_;
  SqliteResidentStore residents_;
  SqliteRegistrationStore registrations_;
  SqliteMessageStore messages_;
  SqliteDeliveryStore deliveries_;
  SqliteInboundStore inbound_;
  SqliteAuditStore audit_;
  SqlitePrivacyStore privacy_;
  SqliteSessionStore sessions_;
  SqliteTemplateStore templates_;
  SqliteReportStore reports_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  auto db = Db::Open(path);
  if (!db.ok()) return db.error();
  auto before = SchemaVersion(**db);
  if (!before.ok()) return before.error();
  auto migrated = Migrate(**db);
  if (!migrated.ok()) return migrated.error();
  if (*before < 4) {  // rows written before migration 4 get their Czech sort key
    auto keyed = BackfillSortKeys(**db, SortKeyedTable::kContacts);
    if (!keyed.ok()) return keyed.error();
  }
  if (*before < 5) {  // residents imported before migration 5 too
    auto keyed = BackfillSortKeys(**db, SortKeyedTable::kResidents);
    if (!keyed.ok()) return keyed.error();
  }
  // Planner statistics, refreshed at every start and bounded (about 1,000 rows read per
  // index, milliseconds even for a million contacts): with them a group filter starts from
  // the group's members. Without them (a busy database) queries are still right, only slower.
  try {
    (*db)->Exec("PRAGMA analysis_limit=1000");
    (*db)->Exec("ANALYZE");
  } catch (const SQLite::Exception&) {
  }
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(*db)));
}

}  // namespace smsinfo::storage::sqlite
