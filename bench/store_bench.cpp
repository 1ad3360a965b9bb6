// Benchmark of the SQLite store's hot paths: creating a message to many contacts and the
// dispatch cycle (ClaimDue -> RecordSubmitted -> RecordReceipts). Prints a table; not a test.
// Usage: store_bench [--no-large] [database path] (default: a file in /tmp, removed afterwards);
// --no-large skips the message to 1,000,000 contacts and its set-up.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_store.hpp"

namespace {

using smsinfo::OrgId;
using smsinfo::TimePoint;
namespace storage = smsinfo::storage;
namespace domain = smsinfo::domain;

std::string PeakRss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::size_t first = line.find_first_not_of(" \t", 6);
      return first == std::string::npos ? line : line.substr(first);
    }
  }
  return "?";
}

void Row(const char* operation, std::int64_t count, double seconds) {
  std::printf("| %-34s | %9lld | %8.3f | %12.0f | %-11s |\n", operation,
              static_cast<long long>(count), seconds, static_cast<double>(count) / seconds,
              PeakRss().c_str());
  std::fflush(stdout);
}

[[noreturn]] void Die(const std::string& what, const smsinfo::Error& error) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), error.message.c_str());
  std::exit(1);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

OrgId AddOrgWithContacts(storage::Store& store, const std::string& name, int contacts,
                         int phone_base) {
  domain::Organization org;
  org.name = name;
  auto created = store.organizations().Create(org);
  if (!created.ok()) Die("create organization", created.error());
  const TimePoint now = smsinfo::FromUnixMillis(1'800'000'000'000);
  constexpr int kBatch = 20'000;
  for (int start = 0; start < contacts; start += kBatch) {
    auto inserted = store.InTransaction([&]() -> smsinfo::Result<void> {
      for (int i = start; i < std::min(contacts, start + kBatch); ++i) {
        domain::Contact c;
        c.org_id = created->id;
        c.phone = "+420" + std::to_string(phone_base + i);
        c.surname = "Novak" + std::to_string(i % 5000);
        c.first_name = "Jan";
        c.street = "Ulice " + std::to_string(i % 300);
        c.house_number = std::to_string(i % 999 + 1);
        c.created_at = now;
        c.updated_at = now;
        auto contact = store.contacts().Create(c);
        if (!contact.ok()) return contact.error();
      }
      return smsinfo::Ok();
    });
    if (!inserted.ok()) Die("insert contacts", inserted.error());
  }
  return created->id;
}

domain::Message Bulk(OrgId org, TimePoint now) {
  domain::Message m;
  m.org_id = org;
  m.body = "Prerusena dodavka vody";
  m.text = "SMS Info OU: Prerusena dodavka vody";
  m.send_at = now;
  m.expires_at = now + std::chrono::hours(24);
  m.created_at = now;
  return m;
}

void TimeMessage(storage::Store& store, OrgId org, std::int64_t expected, const char* label) {
  const TimePoint now = smsinfo::FromUnixMillis(1'800'000'000'000);
  storage::RecipientSelection all;
  all.all = true;
  auto start = std::chrono::steady_clock::now();
  auto message = store.messages().Create(Bulk(org, now), all);
  double seconds = SecondsSince(start);
  if (!message.ok()) Die("create message", message.error());
  if (message->recipients != expected) {
    std::fprintf(stderr, "expected %lld recipients, got %lld\n", static_cast<long long>(expected),
                 static_cast<long long>(message->recipients));
    std::exit(1);
  }
  Row(label, message->recipients, seconds);
}

void TimeDispatch(storage::Store& store, std::int64_t expected) {
  const TimePoint now = smsinfo::FromUnixMillis(1'800'000'000'000);
  double claim_s = 0, submit_s = 0, receipt_s = 0;
  std::int64_t total = 0;
  std::vector<storage::SubmittedPart> parts;
  std::vector<storage::Receipt> receipts;
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    auto t0 = std::chrono::steady_clock::now();
    auto claimed = store.deliveries().ClaimDue(now, {}, 1000);
    claim_s += SecondsSince(t0);
    if (!claimed.ok()) Die("claim", claimed.error());
    if (claimed->empty()) break;
    parts.clear();
    receipts.clear();
    for (const auto& d : *claimed) {
      std::string gateway_id = "gw-" + std::to_string(d.id.value);
      parts.push_back({d.id, 1, 1, "smpp", gateway_id});
      receipts.push_back({"smpp", gateway_id, storage::ReceiptState::kDelivered, "", now});
    }
    auto t1 = std::chrono::steady_clock::now();
    if (auto r = store.deliveries().RecordSubmitted(parts, now); !r.ok())
      Die("submitted", r.error());
    submit_s += SecondsSince(t1);
    auto t2 = std::chrono::steady_clock::now();
    if (auto r = store.deliveries().RecordReceipts(receipts, now); !r.ok())
      Die("receipts", r.error());
    receipt_s += SecondsSince(t2);
    total += static_cast<std::int64_t>(claimed->size());
  }
  double seconds = SecondsSince(start);
  if (total != expected) {
    std::fprintf(stderr, "dispatched %lld, expected %lld\n", static_cast<long long>(total),
                 static_cast<long long>(expected));
    std::exit(1);
  }
  Row("  ClaimDue (batches of 1000)", total, claim_s);
  Row("  RecordSubmitted", total, submit_s);
  Row("  RecordReceipts (delivered)", total, receipt_s);
  Row("dispatch cycle (claim+submit+rcpt)", total, seconds);
}

}  // namespace

int main(int argc, char** argv) {
  bool large_run = true;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--no-large") {
      large_run = false;
    } else {
      path = argv[i];
    }
  }
  const bool own_file = path.empty();
  if (own_file) path = "/tmp/smsinfo_store_bench_" + std::to_string(::getpid()) + ".db";
  auto opened = smsinfo::storage::sqlite::OpenSqliteStore(path);
  if (!opened.ok()) Die("open " + path, opened.error());
  storage::Store& store = **opened;

  std::printf("setup: inserting 100,000%s contacts (not timed)...\n",
              large_run ? " + 1,000,000" : "");
  std::fflush(stdout);
  auto setup = std::chrono::steady_clock::now();
  OrgId small = AddOrgWithContacts(store, "Small", 100'000, 720'000'000);
  OrgId large = large_run ? AddOrgWithContacts(store, "Large", 1'000'000, 730'000'000) : OrgId();
  std::printf("setup took %.1f s\n\n", SecondsSince(setup));
  std::printf("| %-34s | %9s | %8s | %12s | %-11s |\n", "operation", "count", "seconds", "rate/s",
              "peak RSS");
  std::printf("|%s|%s|%s|%s|%s|\n", std::string(36, '-').c_str(), std::string(11, '-').c_str(),
              std::string(10, '-').c_str(), std::string(14, '-').c_str(),
              std::string(13, '-').c_str());
  TimeMessage(store, small, 100'000, "message to 100,000 contacts");
  TimeDispatch(store, 100'000);
  if (large_run) TimeMessage(store, large, 1'000'000, "message to 1,000,000 contacts");

  opened->reset();
  if (own_file) {
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
  }
  return 0;
}
