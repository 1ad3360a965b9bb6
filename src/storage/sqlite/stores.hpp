// The SQLite implementations of each store interface; sqlite_store.cpp puts them together.
// Each method runs in Db::Tx, so it is one transaction or joins the caller's InTransaction.
// Thread safety: any thread (the Db serializes).
#pragma once

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/store.hpp"

namespace smsinfo::storage::sqlite {

class SqliteOrganizationStore final : public OrganizationStore {
 public:
  explicit SqliteOrganizationStore(Db& db) : db_(db) {}
  Result<domain::Organization> Create(const domain::Organization& org) override;
  Result<domain::Organization> Get(OrgId id) override;
  Result<domain::Organization> FindByCentralNumber(const std::string& e164) override;
  Result<std::vector<domain::Organization>> List() override;
  Result<void> Update(const domain::Organization& org) override;

 private:
  Db& db_;
};

class SqliteUserStore final : public UserStore {
 public:
  explicit SqliteUserStore(Db& db) : db_(db) {}
  Result<domain::User> Create(const domain::User& user) override;
  Result<domain::User> Get(UserId id) override;
  Result<domain::User> FindByUsername(const std::string& username) override;
  Result<std::vector<domain::User>> List(OrgId org) override;
  Result<void> Update(const domain::User& user) override;
  Result<domain::ApiToken> CreateToken(const domain::ApiToken& token) override;
  Result<domain::ApiToken> FindTokenByHash(const std::string& token_hash, TimePoint now) override;
  Result<std::vector<domain::ApiToken>> ListTokens(OrgId org) override;
  Result<void> DeleteToken(OrgId org, ApiTokenId id) override;

 private:
  Db& db_;
};

// The two statements of SqliteContactStore::List for a filter: the total and one page (named
// parameters :org, :phone, :q, :group, :street, :status, :limit, :offset). Exposed so that a
// test can check their query plans.
struct ContactListSql {
  std::string count;
  std::string page;
};
ContactListSql ContactListQueries(const ContactFilter& filter);

// Gives every row without a Czech sort key (contacts written before migration 4, residents
// imported before migration 5) its key; returns how many. OpenSqliteStore runs it after the
// migrations.
enum class SortKeyedTable { kContacts, kResidents };
Result<std::int64_t> BackfillSortKeys(Db& db, SortKeyedTable table);

class SqliteContactStore final : public ContactStore {
 public:
  explicit SqliteContactStore(Db& db) : db_(db) {}
  Result<domain::Contact> Create(const domain::Contact& contact) override;
  Result<domain::Contact> Get(OrgId org, ContactId id) override;
  Result<domain::Contact> FindByPhone(OrgId org, const std::string& e164) override;
  Result<domain::Contact> Update(const domain::Contact& contact) override;
  Result<void> Delete(OrgId org, ContactId id) override;
  Result<PageOf<domain::Contact>> List(OrgId org, const ContactFilter& filter, Page page) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> Streets(OrgId org) override;

 private:
  Result<void> ReplaceMemberships(const domain::Contact& contact);
  Result<void> LoadGroups(domain::Contact& contact);
  Db& db_;
};

class SqliteGroupStore final : public GroupStore {
 public:
  explicit SqliteGroupStore(Db& db) : db_(db) {}
  Result<domain::Group> Create(const domain::Group& group) override;
  Result<domain::Group> Get(OrgId org, GroupId id) override;
  Result<domain::Group> FindByName(OrgId org, const std::string& name) override;
  Result<std::vector<domain::Group>> List(OrgId org) override;
  Result<domain::Group> Update(const domain::Group& group) override;
  Result<void> Delete(OrgId org, GroupId id) override;
  Result<void> AddMembers(OrgId org, GroupId group, std::span<const ContactId> contacts) override;
  Result<void> RemoveMembers(OrgId org, GroupId group,
                             std::span<const ContactId> contacts) override;

 private:
  Db& db_;
};

class SqliteResidentStore final : public ResidentStore {
 public:
  explicit SqliteResidentStore(Db& db) : db_(db) {}
  Result<std::int64_t> ReplaceAll(OrgId org, std::span<const domain::Resident> residents,
                                  std::span<const ResidentKeys> keys, TimePoint now) override;
  Result<domain::Resident> Get(OrgId org, ResidentId id) override;
  Result<std::vector<domain::Resident>> FindByHouseNumber(OrgId org,
                                                          const std::string& house_number) override;
  Result<std::vector<domain::Resident>> FindBySurnameAndNumbers(
      OrgId org, const std::string& surname_key, std::span<const std::string> numbers) override;
  Result<std::vector<domain::Resident>> FindBySurnameKey(OrgId org,
                                                         const std::string& surname_key) override;
  Result<PageOf<domain::Resident>> List(OrgId org, const std::string& q_key, Page page) override;
  Result<std::optional<TimePoint>> LastImportedAt(OrgId org) override;

 private:
  Db& db_;
};

class SqliteRegistrationStore final : public RegistrationStore {
 public:
  explicit SqliteRegistrationStore(Db& db) : db_(db) {}
  Result<domain::Registration> Create(const domain::Registration& r) override;
  Result<domain::Registration> Get(OrgId org, RegistrationId id) override;
  Result<PageOf<domain::Registration>> List(OrgId org, const RegistrationFilter& filter,
                                            Page page) override;
  Result<domain::Registration> Decide(OrgId org, RegistrationId id,
                                      domain::RegistrationStatus status, std::optional<UserId> by,
                                      TimePoint at) override;
  Result<void> SupersedePending(OrgId org, const std::string& phone, TimePoint at) override;

 private:
  Db& db_;
};

class SqliteMessageStore final : public MessageStore {
 public:
  explicit SqliteMessageStore(Db& db) : db_(db) {}
  Result<domain::Message> Create(const domain::Message& message,
                                 const RecipientSelection& to) override;
  Result<std::int64_t> CountRecipients(OrgId org, const RecipientSelection& to) override;
  Result<domain::Message> Get(OrgId org, MessageId id) override;
  Result<PageOf<domain::Message>> List(OrgId org, const MessageFilter& filter, Page page) override;
  Result<std::int64_t> Cancel(OrgId org, MessageId id, TimePoint at) override;
  Result<PageOf<domain::Delivery>> ListDeliveries(OrgId org, MessageId id,
                                                  const DeliveryFilter& filter, Page page) override;
  Result<std::int64_t> RetryFailed(OrgId org, MessageId id, TimePoint at) override;
  Result<std::optional<MessageId>> LastMessageTo(OrgId org, const std::string& phone) override;

 private:
  // Fills temp.recipients (created empty if needed) with the selection, deduplicated by phone;
  // returns how many. Inside a transaction.
  Result<std::int64_t> ResolveRecipients(OrgId org, const RecipientSelection& to);
  Result<void> FillCounts(std::vector<domain::Message>& messages);
  Result<void> RequireMessage(OrgId org, MessageId id);
  Db& db_;
};

class SqliteDeliveryStore final : public DeliveryStore {
 public:
  explicit SqliteDeliveryStore(Db& db) : db_(db) {}
  Result<std::vector<ClaimedDelivery>> ClaimDue(TimePoint now, std::span<const OrgId> quiet_orgs,
                                                std::size_t limit) override;
  Result<void> RecordSubmitted(std::span<const SubmittedPart> parts, TimePoint now) override;
  Result<void> RecordSubmitFailures(std::span<const SubmitFailure> failures,
                                    TimePoint now) override;
  Result<void> RecordReceipts(std::span<const Receipt> receipts, TimePoint now) override;
  Result<std::int64_t> PruneUnmatchedReceipts(TimePoint before) override;
  Result<std::int64_t> RequeueInFlight(TimePoint now) override;
  Result<std::optional<TimePoint>> NextDueAt() override;

 private:
  // Applies one receipt inside the caller's transaction; false if its id is unknown.
  bool ApplyReceipt(const std::string& gateway, const std::string& gateway_message_id,
                    const std::string& state, const std::string& error, TimePoint now);
  Db& db_;
};

class SqliteInboundStore final : public InboundStore {
 public:
  explicit SqliteInboundStore(Db& db) : db_(db) {}
  Result<domain::InboundSms> Insert(const domain::InboundSms& sms) override;
  Result<domain::InboundSms> Get(OrgId org, InboundId id) override;
  Result<void> Classify(InboundId id, domain::InboundKind kind, std::optional<ContactId> contact,
                        std::optional<MessageId> in_reply_to) override;
  Result<void> MarkRead(OrgId org, InboundId id, bool read) override;
  Result<PageOf<domain::InboundSms>> List(OrgId org, const InboundFilter& filter,
                                          Page page) override;
  Result<PageOf<InboundThread>> Threads(OrgId org, const InboundThreadFilter& filter,
                                        Page page) override;
  Result<std::int64_t> MarkAllReadFrom(OrgId org, const std::string& from) override;
  Result<std::vector<domain::InboundSms>> ListPending(std::size_t limit) override;
  Result<std::int64_t> CountFrom(OrgId org, const std::string& from, TimePoint since) override;
  Result<void> StorePart(const InboundPart& part) override;
  Result<std::vector<InboundPart>> PartsOf(OrgId org, const std::string& from, int ref,
                                           int total) override;
  Result<void> DeletePartsOf(OrgId org, const std::string& from, int ref, int total) override;
  Result<std::vector<InboundPart>> StaleParts(TimePoint before) override;

 private:
  Db& db_;
};

class SqliteAuditStore final : public AuditStore {
 public:
  explicit SqliteAuditStore(Db& db) : db_(db) {}
  Result<void> Append(const domain::AuditEntry& entry) override;
  Result<PageOf<domain::AuditEntry>> List(OrgId org, const AuditFilter& filter, Page page) override;

 private:
  Db& db_;
};

class SqlitePrivacyStore final : public PrivacyStore {
 public:
  explicit SqlitePrivacyStore(Db& db) : db_(db) {}
  Result<std::int64_t> ErasePhone(OrgId org, const std::string& phone) override;
  Result<std::int64_t> ForgetPhonesOfFinishedErasureReplies() override;
  Result<std::vector<PhoneDelivery>> DeliveriesTo(OrgId org, const std::string& phone,
                                                  std::size_t limit) override;

 private:
  Db& db_;
};

class SqliteSessionStore final : public SessionStore {
 public:
  explicit SqliteSessionStore(Db& db) : db_(db) {}
  Result<void> Create(const Session& session) override;
  Result<Session> Find(const std::string& id_hash) override;
  Result<void> Touch(const std::string& id_hash, TimePoint last_seen_at) override;
  Result<void> Delete(const std::string& id_hash) override;
  Result<std::int64_t> DeleteForUser(UserId user) override;
  Result<std::int64_t> DeleteExpired(TimePoint idle_before, TimePoint now) override;

 private:
  Db& db_;
};

class SqliteTemplateStore final : public TemplateStore {
 public:
  explicit SqliteTemplateStore(Db& db) : db_(db) {}
  Result<MessageTemplate> Create(const MessageTemplate& t) override;
  Result<MessageTemplate> Get(OrgId org, std::int64_t id) override;
  Result<std::vector<MessageTemplate>> List(OrgId org) override;
  Result<void> Delete(OrgId org, std::int64_t id) override;

 private:
  Db& db_;
};

class SqliteReportStore final : public ReportStore {
 public:
  explicit SqliteReportStore(Db& db) : db_(db) {}
  Result<MessageTotals> Totals(OrgId org, TimePoint from, TimePoint to) override;
  Result<std::int64_t> UnreadReplies(OrgId org) override;

 private:
  Db& db_;
};

}  // namespace smsinfo::storage::sqlite
