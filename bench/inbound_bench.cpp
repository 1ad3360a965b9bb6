// Inbound registrations against a large residence register: how many `*P` SMS a second are
// stored, parsed, matched, recorded as registrations and answered with a confirmation SMS.
// Usage: inbound_bench [RESIDENTS] [REGISTRATIONS]   (defaults 100000 and 10000)
#include <cstdlib>
#include <filesystem>
#include <random>

#include "bench_table.hpp"
#include "inbound/inbound_processor.hpp"
#include "inbound/registration_service.hpp"
#include "inbound/system_messages.hpp"
#include "residents/matcher.hpp"
#include "residents/register_csv.hpp"
#include "storage/sqlite/sqlite_store.hpp"

using namespace smsinfo;

namespace {

const char* kSurnames[] = {"Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera",
                           "Veselý", "Horák", "Němec", "Marek", "Pospíšil", "Pokorný", "Hájek",
                           "Král", "Jelínek", "Růžička", "Beneš", "Fiala", "Sedláček"};
const char* kNames[] = {"Jan", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jaroslav", "Jiří",
                        "Miroslav", "Zdeněk", "Václav", "Michal", "František", "Karel", "Milan"};
const char* kStreets[] = {"Hlavní", "Polní", "Školní", "Na Vršku", "Ke Studánce", "Pod Lesem",
                          "U Rybníka", "Lipová", "Zahradní", "Luční"};

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "inbound_bench: %s failed\n", what);
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const long residents_count = argc > 1 ? std::atol(argv[1]) : 100000;
  const long registrations = argc > 2 ? std::atol(argv[2]) : 10000;
  const auto dir = std::filesystem::temp_directory_path() / ("smsinfo-inbound-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto store = storage::sqlite::OpenSqliteStore((dir / "bench.db").string());
  Check(store.ok(), "open store");
  SystemClock clock;
  domain::Organization org_value;
  org_value.name = "Obec Vestec";
  org_value.central_number = "+420720001676";
  auto org = (*store)->organizations().Create(org_value);
  Check(org.ok(), "create organization");

  // A synthetic register: every resident has a distinct (surname, name, street, house number).
  std::vector<domain::Resident> people;
  std::vector<storage::ResidentKeys> keys;
  people.reserve(static_cast<std::size_t>(residents_count));
  for (long i = 0; i < residents_count; ++i) {
    domain::Resident r;
    r.org_id = org->id;
    r.surname = kSurnames[i % 20];
    r.first_name = kNames[(i / 20) % 15];
    r.street = kStreets[(i / 300) % 10];
    r.house_number = std::to_string(1 + i / 3000 * 10 + i % 7);
    r.municipality = "Vestec";
    people.push_back(r);
    keys.push_back(residents::KeysFor(r));
  }
  Check((*store)->residents().ReplaceAll(org->id, people, keys, clock.Now()).ok(), "import register");

  residents::Matcher matcher((*store)->residents(), "Vestec");
  inbound::SystemMessages system_messages(**store, clock);
  inbound::RegistrationService registration_service(**store, clock, matcher, system_messages);
  inbound::InboundConfig config;
  config.flood_max = 1000000;
  inbound::InboundProcessor processor(**store, clock, registration_service, system_messages, config);

  std::mt19937 rng(7);
  std::vector<inbound::ReceivedPart> sms;
  sms.reserve(static_cast<std::size_t>(registrations));
  for (long i = 0; i < registrations; ++i) {
    const auto& r = people[rng() % people.size()];
    inbound::ReceivedPart p;
    p.gateway = "bench";
    p.from = "+420" + std::to_string(720000000 + i);  // valid Czech mobile numbers
    p.to = "+420720001676";
    p.text = "*P " + r.surname + "," + r.first_name + "," + r.street + " " + r.house_number;
    p.received_at = clock.Now();
    sms.push_back(std::move(p));
  }
  long matched = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& p : sms) {
    auto kind = processor.ReceiveAndProcess(p);
    Check(kind.ok(), "receive and process");
    matched += (kind->has_value() && **kind == domain::InboundKind::kRegistration) ? 1 : 0;
  }
  const double seconds = bench::SecondsSince(start);
  auto pending = (*store)->registrations().List(org->id, {}, {1, 0});
  Check(pending.ok(), "list registrations");
  if (pending->total != registrations) {
    std::fprintf(stderr, "inbound_bench: %lld registrations stored of %ld sent\n",
                 static_cast<long long>(pending->total), registrations);
    return 1;
  }

  bench::PrintTable("inbound registrations (SQLite file, " + std::to_string(residents_count) +
                        " residents, each answered by a confirmation SMS)",
                    {{"*P registrations stored, matched, confirmed", registrations, seconds,
                      ">= 2,000/s"}});
  std::printf("registrations classified as such: %ld of %ld\n", matched, registrations);
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
