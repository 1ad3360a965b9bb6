// The store: the only place that knows SQL. Callers see these interfaces; `sqlite/` (embedded
// default) and a later `postgres/` implement them. Every method is one transaction unless it
// runs inside Store::InTransaction, which makes a group of calls atomic.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/audit_entry.hpp"
#include "domain/contact.hpp"
#include "domain/inbound_sms.hpp"
#include "domain/message.hpp"
#include "domain/organization.hpp"
#include "domain/registration.hpp"
#include "domain/resident.hpp"
#include "domain/user.hpp"

namespace smsinfo::storage {

struct Page {
  std::int64_t limit = 50;  // callers clamp to 1..1000
  std::int64_t offset = 0;
};

template <class T>
struct PageOf {
  std::vector<T> items;
  std::int64_t total = 0;  // matching rows, ignoring limit/offset
};

class OrganizationStore {
 public:
  virtual ~OrganizationStore() = default;
  virtual Result<domain::Organization> Create(const domain::Organization& org) = 0;
  virtual Result<domain::Organization> Get(OrgId id) = 0;
  // The organization whose central number is `e164`; kNotFound if none.
  virtual Result<domain::Organization> FindByCentralNumber(const std::string& e164) = 0;
  virtual Result<std::vector<domain::Organization>> List() = 0;
  virtual Result<void> Update(const domain::Organization& org) = 0;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  // kConflict when the username is taken (usernames are unique across organizations).
  virtual Result<domain::User> Create(const domain::User& user) = 0;
  virtual Result<domain::User> Get(UserId id) = 0;
  virtual Result<domain::User> FindByUsername(const std::string& username) = 0;
  virtual Result<std::vector<domain::User>> List(OrgId org) = 0;
  virtual Result<void> Update(const domain::User& user) = 0;

  virtual Result<domain::ApiToken> CreateToken(const domain::ApiToken& token) = 0;
  // The token with this hash, kNotFound if none; also records last_used_at = now.
  virtual Result<domain::ApiToken> FindTokenByHash(const std::string& token_hash,
                                                   TimePoint now) = 0;
  virtual Result<std::vector<domain::ApiToken>> ListTokens(OrgId org) = 0;
  virtual Result<void> DeleteToken(OrgId org, ApiTokenId id) = 0;
};

struct ContactFilter {
  std::string phone;  // exact E.164
  std::string q;      // substring of name, phone, street or company; case and accent blind
  std::optional<GroupId> group;
  std::string street;  // exact street, case and accent blind
  std::optional<domain::ContactStatus> status;
};

class ContactStore {
 public:
  virtual ~ContactStore() = default;
  // Inserts the contact and its group memberships. kConflict if the phone exists in the org;
  // kNotFound if a group does not exist.
  virtual Result<domain::Contact> Create(const domain::Contact& contact) = 0;
  virtual Result<domain::Contact> Get(OrgId org, ContactId id) = 0;
  virtual Result<domain::Contact> FindByPhone(OrgId org, const std::string& e164) = 0;
  // Replaces every field and the memberships.
  virtual Result<domain::Contact> Update(const domain::Contact& contact) = 0;
  virtual Result<void> Delete(OrgId org, ContactId id) = 0;
  virtual Result<PageOf<domain::Contact>> List(OrgId org, const ContactFilter& filter,
                                               Page page) = 0;
  // Distinct streets of active contacts with their counts, sorted by street.
  virtual Result<std::vector<std::pair<std::string, std::int64_t>>> Streets(OrgId org) = 0;
};

class GroupStore {
 public:
  virtual ~GroupStore() = default;
  // kConflict when the name exists in the org.
  virtual Result<domain::Group> Create(const domain::Group& group) = 0;
  virtual Result<domain::Group> Get(OrgId org, GroupId id) = 0;
  virtual Result<domain::Group> FindByName(OrgId org, const std::string& name) = 0;
  virtual Result<std::vector<domain::Group>> List(OrgId org) = 0;
  virtual Result<domain::Group> Update(const domain::Group& group) = 0;
  virtual Result<void> Delete(OrgId org, GroupId id) = 0;
  // kNotFound (and no change) if any contact id is unknown. Adding twice is harmless.
  virtual Result<void> AddMembers(OrgId org, GroupId group,
                                  std::span<const ContactId> contacts) = 0;
  virtual Result<void> RemoveMembers(OrgId org, GroupId group,
                                     std::span<const ContactId> contacts) = 0;
};

// Residents are looked up by normalized keys (residents/normalize.hpp computes them).
struct ResidentKeys {
  std::string surname_key;
  std::string first_name_key;
  std::string street_key;
};

class ResidentStore {
 public:
  virtual ~ResidentStore() = default;
  // Replaces the organization's whole register in one transaction; `keys[i]` belongs to
  // `residents[i]`. Returns the number stored.
  virtual Result<std::int64_t> ReplaceAll(OrgId org, std::span<const domain::Resident> residents,
                                          std::span<const ResidentKeys> keys, TimePoint now) = 0;
  virtual Result<domain::Resident> Get(OrgId org, ResidentId id) = 0;
  // Residents living in this house number (any street), for matching.
  virtual Result<std::vector<domain::Resident>> FindByHouseNumber(
      OrgId org, const std::string& house_number) = 0;
  // Residents with this surname key, for matching when the house number is off.
  virtual Result<std::vector<domain::Resident>> FindBySurnameKey(
      OrgId org, const std::string& surname_key) = 0;
  // Residents with this surname key whose house number or orientation number is one of
  // `numbers` (compared case-blind): the matcher's candidates, found by index.
  virtual Result<std::vector<domain::Resident>> FindBySurnameAndNumbers(
      OrgId org, const std::string& surname_key, std::span<const std::string> numbers) = 0;
  // Search by a substring of the name/street key (already normalized by the caller).
  virtual Result<PageOf<domain::Resident>> List(OrgId org, const std::string& q_key, Page page) = 0;
  virtual Result<std::optional<TimePoint>> LastImportedAt(OrgId org) = 0;
};

struct RegistrationFilter {
  std::optional<domain::RegistrationStatus> status;
  std::string phone;
};

class RegistrationStore {
 public:
  virtual ~RegistrationStore() = default;
  virtual Result<domain::Registration> Create(const domain::Registration& r) = 0;
  virtual Result<domain::Registration> Get(OrgId org, RegistrationId id) = 0;
  virtual Result<PageOf<domain::Registration>> List(OrgId org, const RegistrationFilter& filter,
                                                    Page page) = 0;
  // Sets status, decided_at and decided_by; kConflict unless it was pending.
  virtual Result<domain::Registration> Decide(OrgId org, RegistrationId id,
                                              domain::RegistrationStatus status,
                                              std::optional<UserId> by, TimePoint at) = 0;
  // Pending registrations of this phone become rejected (a newer one replaces them).
  virtual Result<void> SupersedePending(OrgId org, const std::string& phone, TimePoint at) = 0;
};

// Whom a message goes to. The store resolves it to one delivery per distinct phone.
struct RecipientSelection {
  bool all = false;  // every active contact
  std::vector<ContactId> contacts;
  std::vector<GroupId> groups;       // active members
  std::vector<std::string> streets;  // active contacts on these streets (case/accent blind)
  std::vector<std::string> phones;   // E.164, validated by the caller
};

struct DeliveryFilter {
  std::optional<domain::DeliveryState> state;
  std::string phone;
};

struct MessageFilter {
  std::string q;  // substring of the body
  std::optional<domain::MessageKind> kind;
  std::string phone;  // exact E.164: only messages with a delivery to this phone
};

class MessageStore {
 public:
  virtual ~MessageStore() = default;
  // Resolves the selection, deduplicates by phone and inserts the message and one queued
  // delivery per phone, all in one transaction. kNotFound for an unknown contact or group;
  // kInvalidInput when nobody is selected. Returns the message with `recipients` filled.
  virtual Result<domain::Message> Create(const domain::Message& message,
                                         const RecipientSelection& to) = 0;
  // How many distinct phones Create would make deliveries for (0 when nobody), writing
  // nothing. The same errors as Create for an unknown contact or group.
  virtual Result<std::int64_t> CountRecipients(OrgId org, const RecipientSelection& to) = 0;
  // With `recipients` and `counts` filled.
  virtual Result<domain::Message> Get(OrgId org, MessageId id) = 0;
  virtual Result<PageOf<domain::Message>> List(OrgId org, const MessageFilter& filter,
                                               Page page) = 0;
  // Every still-queued delivery becomes cancelled; returns how many.
  virtual Result<std::int64_t> Cancel(OrgId org, MessageId id, TimePoint at) = 0;
  virtual Result<PageOf<domain::Delivery>> ListDeliveries(OrgId org, MessageId id,
                                                          const DeliveryFilter& filter,
                                                          Page page) = 0;
  // Failed, undeliverable or expired deliveries go back to queued; returns how many.
  virtual Result<std::int64_t> RetryFailed(OrgId org, MessageId id, TimePoint at) = 0;
  // The latest message with a delivery to this phone (for threading replies).
  virtual Result<std::optional<MessageId>> LastMessageTo(OrgId org, const std::string& phone) = 0;
};

// ---- dispatch's view of deliveries --------------------------------------------------------

struct ClaimedDelivery {
  DeliveryId id;
  MessageId message_id;
  OrgId org_id;
  std::string phone;
  int attempts = 0;  // before this one
  int priority = 0;
  TimePoint expires_at;
};

struct SubmittedPart {
  DeliveryId delivery_id;
  int part_no = 1;  // 1-based
  int parts_total = 1;
  std::string gateway;
  std::string gateway_message_id;
};

struct SubmitFailure {
  DeliveryId delivery_id;
  bool permanent = false;             // true: the delivery fails now
  std::optional<TimePoint> retry_at;  // for a temporary failure
  std::string reason;
};

enum class ReceiptState { kDelivered, kUndeliverable, kExpired, kFailed };

struct Receipt {
  std::string gateway;
  std::string gateway_message_id;
  ReceiptState state = ReceiptState::kDelivered;
  std::string error;  // the network's reason, if any
  TimePoint at;
};

class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;
  // Moves up to `limit` due deliveries (queued, next_attempt_at <= now, the message's send_at
  // <= now) to `sending` and returns them, highest priority first, then oldest. Organizations in
  // `quiet_orgs` give only deliveries of priority >= kPrioritySystem. Deliveries whose
  // message expired are moved to `expired` instead of being returned.
  virtual Result<std::vector<ClaimedDelivery>> ClaimDue(TimePoint now,
                                                        std::span<const OrgId> quiet_orgs,
                                                        std::size_t limit) = 0;
  // Records gateway ids of submitted parts; a delivery whose parts are all submitted moves to
  // `submitted`. Receipts that arrived earlier for these ids are applied now. One transaction.
  virtual Result<void> RecordSubmitted(std::span<const SubmittedPart> parts, TimePoint now) = 0;
  virtual Result<void> RecordSubmitFailures(std::span<const SubmitFailure> failures,
                                            TimePoint now) = 0;
  // Applies receipts to parts and derives each delivery's state: delivered when all parts are,
  // otherwise the first final failure. A receipt for an unknown id is kept for later.
  virtual Result<void> RecordReceipts(std::span<const Receipt> receipts, TimePoint now) = 0;
  // Forgets kept receipts that arrived before `before` and never found their part (an SMSC
  // that reports ids of messages it was not sent by us, or a part lost to a crash). Returns
  // how many.
  virtual Result<std::int64_t> PruneUnmatchedReceipts(TimePoint before) = 0;
  // At start-up: deliveries left in `sending` by a crash go back to `queued`. Returns how many.
  virtual Result<std::int64_t> RequeueInFlight(TimePoint now) = 0;
  // Earliest time a queued delivery becomes due, if any (lets dispatch sleep until then).
  virtual Result<std::optional<TimePoint>> NextDueAt() = 0;
};

struct InboundPart {
  OrgId org_id;
  std::string from;
  std::string to;
  int ref = 0;       // concatenation reference number
  int total = 1;     // number of parts
  int seq = 1;       // 1-based
  std::string text;  // this part, decoded to UTF-8
  std::string gateway;
  TimePoint received_at;
};

struct InboundFilter {
  std::string from;
  std::optional<domain::InboundKind> kind;
};

// The inbox: one thread per citizen phone number.
struct InboundThreadFilter {
  std::optional<domain::InboundKind> kind;  // none = every kind
  bool unread_only = false;                 // only threads with an unread SMS
  std::string q;  // digits match the phone number, anything else the contact's name
};

struct InboundThread {
  std::string phone;
  std::optional<ContactId> contact_id;  // the contact with this phone, if any
  std::string contact_name;             // "Surname First" (or the company); empty without one
  domain::InboundSms last;              // the newest SMS of the thread
  std::int64_t unread = 0;
  std::int64_t count = 0;
};

class InboundStore {
 public:
  virtual ~InboundStore() = default;
  // Stores the SMS as it came (kind kPending); the id is set on return.
  virtual Result<domain::InboundSms> Insert(const domain::InboundSms& sms) = 0;
  virtual Result<domain::InboundSms> Get(OrgId org, InboundId id) = 0;
  virtual Result<void> Classify(InboundId id, domain::InboundKind kind,
                                std::optional<ContactId> contact,
                                std::optional<MessageId> in_reply_to) = 0;
  virtual Result<void> MarkRead(OrgId org, InboundId id, bool read) = 0;
  virtual Result<PageOf<domain::InboundSms>> List(OrgId org, const InboundFilter& filter,
                                                  Page page) = 0;
  // Threads whose newest SMS came last first (erased senders' anonymous SMS are no thread).
  virtual Result<PageOf<InboundThread>> Threads(OrgId org, const InboundThreadFilter& filter,
                                                Page page) = 0;
  // Marks every SMS from this number read; returns how many were unread.
  virtual Result<std::int64_t> MarkAllReadFrom(OrgId org, const std::string& from) = 0;
  // Inbound SMS left kPending by a crash, to process again at start-up.
  virtual Result<std::vector<domain::InboundSms>> ListPending(std::size_t limit) = 0;
  // How many SMS this number sent since `since` (flood guard).
  virtual Result<std::int64_t> CountFrom(OrgId org, const std::string& from, TimePoint since) = 0;

  // Parts of concatenated SMS wait here, durably, until all have arrived (inbound/ reassembles).
  // Storing the same (org, from, ref, total, seq) twice keeps the first.
  virtual Result<void> StorePart(const InboundPart& part) = 0;
  // The stored parts of one concatenated SMS, by seq.
  virtual Result<std::vector<InboundPart>> PartsOf(OrgId org, const std::string& from, int ref,
                                                   int total) = 0;
  virtual Result<void> DeletePartsOf(OrgId org, const std::string& from, int ref, int total) = 0;
  // One part of each concatenated SMS whose first part arrived before `before` (given up on).
  virtual Result<std::vector<InboundPart>> StaleParts(TimePoint before) = 0;
};

struct AuditFilter {
  std::string action;  // prefix, e.g. "message."
  std::optional<UserId> user;
  std::optional<TimePoint> from;  // at >= from
  std::optional<TimePoint> to;    // at < to
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual Result<void> Append(const domain::AuditEntry& entry) = 0;
  virtual Result<PageOf<domain::AuditEntry>> List(OrgId org, const AuditFilter& filter,
                                                  Page page) = 0;
};

// Erasure of one phone number's personal data (unregistration, privacy requests).
class PrivacyStore {
 public:
  virtual ~PrivacyStore() = default;
  // Deletes the contact and its memberships and the registrations of this phone; inbound SMS
  // from it keep only their kind and time (from and text become "anonymized"/""); finished
  // deliveries to it lose the phone. Deliveries not yet final are left so they can complete.
  // Returns how many rows were touched.
  virtual Result<std::int64_t> ErasePhone(OrgId org, const std::string& phone) = 0;

  // The SMS that confirms an erasure ("you were unregistered") must keep its phone until it is
  // sent; once its delivery is final, the phone goes too. Clears the phone of every finished
  // delivery of a message that answers an anonymized inbound SMS; returns how many.
  virtual Result<std::int64_t> ForgetPhonesOfFinishedErasureReplies() {
    return Error::Unavailable("this store cannot forget erasure replies");
  }

  // A delivery to one phone with the text of its message (privacy export).
  struct PhoneDelivery {
    domain::Delivery delivery;
    std::string message_text;
    TimePoint message_created_at;
  };
  // Every delivery to this phone, newest first, at most `limit`.
  virtual Result<std::vector<PhoneDelivery>> DeliveriesTo(OrgId /*org*/,
                                                          const std::string& /*phone*/,
                                                          std::size_t /*limit*/) {
    return Error::Unavailable("this store cannot list deliveries by phone");
  }
};

// ---- web sessions, message templates, overview counts (issue #4) --------------------------
// The methods below have defaults answering kUnavailable so that stores written before them
// (and test doubles) keep compiling; the SQLite store implements them all.

// A signed-in browser. Only the SHA-256 of the session id is stored.
struct Session {
  std::string id_hash;
  UserId user_id;
  OrgId org_id;
  std::string csrf_token;
  TimePoint created_at;
  TimePoint last_seen_at;
  TimePoint expires_at;  // absolute end, whatever the activity
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual Result<void> Create(const Session& /*session*/) { return Unsupported(); }
  // kNotFound if no session has this hash.
  virtual Result<Session> Find(const std::string& /*id_hash*/) { return Unsupported(); }
  virtual Result<void> Touch(const std::string& /*id_hash*/, TimePoint /*last_seen_at*/) {
    return Unsupported();
  }
  // Deleting a session that does not exist is not an error.
  virtual Result<void> Delete(const std::string& /*id_hash*/) { return Unsupported(); }
  // Every session of this user (password change, deactivation); returns how many.
  virtual Result<std::int64_t> DeleteForUser(UserId /*user*/) { return Unsupported(); }
  // Sessions idle since before `idle_before` or past their absolute end at `now`.
  virtual Result<std::int64_t> DeleteExpired(TimePoint /*idle_before*/, TimePoint /*now*/) {
    return Unsupported();
  }

 private:
  static Error Unsupported() { return Error::Unavailable("this store has no sessions"); }
};

struct MessageTemplate {
  std::int64_t id = 0;
  OrgId org_id;
  std::string name;
  std::string text;
  std::optional<UserId> created_by;
  TimePoint created_at;
};

class TemplateStore {
 public:
  virtual ~TemplateStore() = default;
  // kConflict when the name exists in the org.
  virtual Result<MessageTemplate> Create(const MessageTemplate& /*t*/) { return Unsupported(); }
  virtual Result<MessageTemplate> Get(OrgId /*org*/, std::int64_t /*id*/) { return Unsupported(); }
  // Sorted by name.
  virtual Result<std::vector<MessageTemplate>> List(OrgId /*org*/) { return Unsupported(); }
  // kNotFound if it does not exist.
  virtual Result<void> Delete(OrgId /*org*/, std::int64_t /*id*/) { return Unsupported(); }

 private:
  static Error Unsupported() { return Error::Unavailable("this store has no templates"); }
};

// Messages created in [from, to) and their deliveries (the overview screen).
struct MessageTotals {
  std::int64_t messages = 0;
  std::int64_t recipients = 0;  // deliveries
  std::int64_t delivered = 0;
  std::int64_t segments = 0;  // recipients × segments, summed
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;
  // Bulk and reply messages only (system confirmations are not the office's sending).
  virtual Result<MessageTotals> Totals(OrgId /*org*/, TimePoint /*from*/, TimePoint /*to*/) {
    return Unsupported();
  }
  // Unread inbound SMS of kind reply.
  virtual Result<std::int64_t> UnreadReplies(OrgId /*org*/) { return Unsupported(); }

 private:
  static Error Unsupported() { return Error::Unavailable("this store has no reports"); }
};

class Store {
 public:
  virtual ~Store() = default;
  virtual OrganizationStore& organizations() = 0;
  virtual UserStore& users() = 0;
  virtual ContactStore& contacts() = 0;
  virtual GroupStore& groups() = 0;
  virtual ResidentStore& residents() = 0;
  virtual RegistrationStore& registrations() = 0;
  virtual MessageStore& messages() = 0;
  virtual DeliveryStore& deliveries() = 0;
  virtual InboundStore& inbound() = 0;
  virtual AuditStore& audit() = 0;
  virtual PrivacyStore& privacy() = 0;
  // Defaults: stand-ins answering kUnavailable (see above).
  virtual SessionStore& sessions() {
    static SessionStore none;
    return none;
  }
  virtual TemplateStore& templates() {
    static TemplateStore none;
    return none;
  }
  virtual ReportStore& reports() {
    static ReportStore none;
    return none;
  }

  // Runs `work` in one transaction: committed if it returns ok, rolled back otherwise (and on an
  // exception). Calls to the store from inside `work`, on the same thread, join it.
  virtual Result<void> InTransaction(const std::function<Result<void>()>& work) = 0;
};

}  // namespace smsinfo::storage
