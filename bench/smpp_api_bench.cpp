// The SMPP targets that start at the API call, through the whole Application (config, SQLite
// file in a temporary data folder, MessageService, dispatch, the SMPP gateway) against the
// in-process simulated SMSC (fake_smsc.hpp, "accepts all") on loopback:
//  1. over HTTP: the web server (web::Api on web::HttpServer, as `smsinfo serve` runs them)
//     on a free 127.0.0.1 port; POST /api/v1/messages with the API token, a message to N
//     contacts (all active contacts), timed from opening the connection to the SMSC answering
//     the last submit_sm; and an urgent message POSTed while that bulk send runs, timed to its
//     first submit_sm at the SMSC;
//  2. the same two through MessageService::Send (what the POST calls), a second message to the
//     same contacts; also to every delivery recorded `submitted` in the store;
//  3. an urgent message on an idle gateway (MessageService::Send), 50 times (median, worst).
// Usage: smpp_api_bench [--recipients N] [--binds B] [--window W]   (default 100000, 2, 100)
#include <unistd.h>

#include <algorithm>
#include <asio.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/application.hpp"
#include "bench_table.hpp"
#include "gateway/smpp/fake_smsc.hpp"
#include "web/api.hpp"
#include "web/http_server.hpp"

namespace smsinfo {
namespace {

using Steady = std::chrono::steady_clock;
using gateway::smpp::FakeSmsc;
using gateway::smpp::FakeSmscOptions;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "smpp_api_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string Phone(int i) {
  const std::string digits = std::to_string(i);
  return "+420720" + std::string(6 - digits.size(), '0') + digits;
}

// The time of the first submit_sm the SMSC got for `to` (E.164 without the +).
std::optional<Steady::time_point> FirstSubmitTo(const FakeSmsc& smsc, const std::string& to) {
  const auto submits = smsc.Submitted();
  const auto times = smsc.SubmitTimes();
  for (std::size_t i = 0; i < submits.size() && i < times.size(); ++i) {
    if (submits[i].destination_addr == to) return times[i];
  }
  return std::nullopt;
}

double LoadAverage() {
  double one_minute = 0;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &one_minute) != 1) one_minute = 0;
    std::fclose(f);
  }
  return one_minute;
}

// A port on 127.0.0.1 that was free a moment ago.
std::uint16_t FreePort() {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io,
                                   asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

// One HTTP/1.1 request on its own connection (Connection: close); returns the status line's
// code and the body, or fails the bench.
std::pair<int, std::string> Post(std::uint16_t port, const std::string& path,
                                 const std::string& token, const std::string& json) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  asio::error_code ec;
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) Fail("connecting to the web server: " + ec.message());
  const std::string request = "POST " + path +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                              "Authorization: Bearer " +
                              token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                              std::to_string(json.size()) + "\r\n\r\n" + json;
  asio::write(socket, asio::buffer(request), ec);
  if (ec) Fail("writing the request: " + ec.message());
  std::string response;
  asio::read(socket, asio::dynamic_buffer(response), ec);
  if (ec && ec != asio::error::eof) Fail("reading the response: " + ec.message());
  const auto space = response.find(' ');
  const auto body = response.find("\r\n\r\n");
  if (space == std::string::npos || body == std::string::npos) Fail("bad HTTP response");
  return {std::atoi(response.c_str() + space + 1), response.substr(body + 4)};
}

int Run(int recipients, int binds, int window) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("smsinfo_smpp_api_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  FakeSmscOptions options;
  options.record_submits = true;
  options.record_submit_times = true;
  FakeSmsc smsc(options);

  app::Config config;
  config.data_dir = dir.string();
  app::GatewayConfig g;
  g.name = "operator";
  g.type = "smpp";
  g.port = smsc.port();
  g.system_id = "bench";
  g.binds = binds;
  g.window = window;
  g.reconnect_min_ms = 10;
  config.gateways = {g};
  config.log.level = "warn";
  auto opened = app::Application::Open(config);
  if (!opened.ok()) Fail(opened.error().message);
  auto& app = **opened;
  app::InitRequest init;
  init.organization_name = "Bench";
  init.central_number = "+420700000001";
  auto initialized = app.accounts().Initialize(init);
  if (!initialized.ok()) Fail(initialized.error().message);
  auto actor = app.accounts().AuthenticateToken(initialized->token);
  if (!actor.ok()) Fail(actor.error().message);
  auto org = app.accounts().GetOrganization(*actor);
  org->quiet_start_minute = org->quiet_end_minute = 0;
  if (!app.accounts().UpdateOrganization(*actor, *org).ok()) Fail("no quiet hours");

  // The contacts (set-up, not timed).
  const auto setup_start = Steady::now();
  auto created = app.store().InTransaction([&]() -> Result<void> {
    for (int i = 0; i < recipients; ++i) {
      domain::Contact c;
      c.org_id = actor->org;
      c.phone = Phone(i);
      c.surname = "Obcan";
      c.first_name = std::to_string(i);
      c.created_at = c.updated_at = app.clock().Now();
      SMSINFO_TRY(app.store().contacts().Create(c));
    }
    return Ok();
  });
  if (!created.ok()) Fail(created.error().message);
  std::printf("set-up: %d contacts in %.0f ms\n", recipients, Ms(Steady::now() - setup_start));

  if (!app.Start().ok()) Fail("start");
  const auto bound_deadline = Steady::now() + std::chrono::seconds(10);
  while (!app.gateway().Status().connected) {
    if (Steady::now() > bound_deadline) Fail("the gateway did not bind");
    usleep(1000);
  }
  // Every bind up, not just the first.
  while (smsc.counters().binds < binds && Steady::now() < bound_deadline) usleep(1000);
  usleep(50'000);

  std::vector<bench::Row> rows;
  // 1. Over HTTP, first, on the fresh database: the web server on a free port, the message to
  // all contacts and an urgent one while it is sent.
  const std::uint16_t http_port = FreePort();
  web::Api api(app, "/nonexistent-ui-dir");
  web::HttpServer server([&api](const web::HttpRequest& request) { return api.Handle(request); });
  if (auto s = server.Start(web::ListenAddress{"127.0.0.1", http_port}, config.server.threads,
                            static_cast<std::size_t>(config.server.max_body_bytes));
      !s.ok()) {
    Fail("web server: " + s.error().message);
  }
  const std::int64_t before_http = smsc.counters().accepted;
  const auto h0 = Steady::now();
  const auto [bulk_status, bulk_body] =
      Post(http_port, "/api/v1/messages", initialized->token,
           R"({"text":"Svoz odpadu v sobotu od 7:00, pytle pred dum.","recipients":{"all":true}})");
  const auto h_answered = Steady::now();
  if (bulk_status != 201)
    Fail("POST /api/v1/messages: " + std::to_string(bulk_status) + " " + bulk_body);
  usleep(300'000);
  const auto h_urgent = Steady::now();
  const auto [urgent_status, urgent_body] = Post(
      http_port, "/api/v1/messages", initialized->token,
      R"({"text":"Povoden: opustte sklepy.","urgent":true,"recipients":{"phones":["+420799000002"]}})");
  if (urgent_status != 201) {
    Fail("urgent POST: " + std::to_string(urgent_status) + " " + urgent_body);
  }
  const std::int64_t expected_http = before_http + recipients + 1;
  if (!smsc.WaitFor([&](const FakeSmsc::Counters& c) { return c.accepted >= expected_http; },
                    std::chrono::minutes(5))) {
    Fail("not every submit_sm of the HTTP bulk arrived");
  }
  const auto h_last_resp = Steady::now();
  const auto http_urgent_first = FirstSubmitTo(smsc, "420799000002");
  if (!http_urgent_first) Fail("the urgent SMS sent by HTTP never reached the SMSC");
  const double http_urgent_ms = Ms(*http_urgent_first - h_urgent);
  std::printf("HTTP bulk: POST answered 201 after %.0f ms\n", Ms(h_answered - h0));
  std::printf("HTTP bulk: POST to last submit_sm_resp: %.0f ms\n", Ms(h_last_resp - h0));
  std::printf("urgent by HTTP during the bulk send: POST to its first submit_sm: %.1f ms\n",
              http_urgent_ms);

  // 2. The same through MessageService::Send: a second message to all contacts (the database
  // now holds the first one's deliveries too).
  app::SendRequest bulk;
  bulk.text = "Odstavka vody v patek 8:00-12:00, cisterna u uradu.";
  bulk.recipients.all = true;
  const auto t0 = Steady::now();
  auto sent = app.messages().Send(*actor, bulk);
  if (!sent.ok()) Fail(sent.error().message);
  const auto t_stored = Steady::now();

  // An urgent message while the bulk send runs (to a number that is not a contact).
  usleep(300'000);
  app::SendRequest urgent;
  urgent.text = "Povoden: opustte sklepy.";
  urgent.urgent = true;
  urgent.recipients.phones = {"+420799000001"};
  const auto t_urgent = Steady::now();
  if (!app.messages().Send(*actor, urgent).ok()) Fail("urgent send");
  const std::int64_t expected = expected_http + recipients + 1;
  if (!smsc.WaitFor([&](const FakeSmsc::Counters& c) { return c.accepted >= expected; },
                    std::chrono::minutes(5))) {
    Fail("not every submit_sm arrived");
  }
  const auto t_last_resp = Steady::now();
  // Every delivery recorded as submitted (or beyond) in the store.
  for (;;) {
    auto m = app.messages().Get(*actor, sent->message.id);
    if (!m.ok()) Fail(m.error().message);
    if (m->counts[domain::DeliveryState::kSubmitted] +
            m->counts[domain::DeliveryState::kDelivered] >=
        recipients) {
      break;
    }
    usleep(2000);
  }
  const auto t_recorded = Steady::now();
  const auto urgent_first = FirstSubmitTo(smsc, "420799000001");
  if (!urgent_first) Fail("the urgent SMS never reached the SMSC");
  const double urgent_ms = Ms(*urgent_first - t_urgent);

  std::printf("bulk: Send() stored %d deliveries in %.0f ms\n", recipients, Ms(t_stored - t0));
  std::printf("bulk: API call to last submit_sm_resp: %.0f ms (%.0f submit_sm/s after Send)\n",
              Ms(t_last_resp - t0), recipients / (Ms(t_last_resp - t_stored) / 1000.0));
  std::printf("bulk: API call to every delivery recorded submitted: %.0f ms\n",
              Ms(t_recorded - t0));
  std::printf("urgent during the bulk send: API call to its first submit_sm: %.1f ms\n", urgent_ms);
  rows.push_back({std::to_string(recipients) + " recipients: API call to last submit_sm_resp",
                  recipients, Ms(t_last_resp - t0) / 1000.0, "< 4 s"});

  // 3. Urgent on an idle gateway.
  std::vector<double> idle;
  for (int i = 0; i < 50; ++i) {
    const std::string phone = "+4207990001" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    app::SendRequest one;
    one.text = "Urgentni zprava " + std::to_string(i);
    one.urgent = true;
    one.recipients.phones = {phone};
    const auto start = Steady::now();
    if (!app.messages().Send(*actor, one).ok()) Fail("idle urgent send");
    const std::int64_t target = expected + i + 1;
    if (!smsc.WaitFor([&](const FakeSmsc::Counters& c) { return c.submits >= target; })) {
      Fail("idle urgent SMS never arrived");
    }
    const auto first = FirstSubmitTo(smsc, phone.substr(1));
    idle.push_back(Ms(*first - start));
    usleep(20'000);
  }
  std::sort(idle.begin(), idle.end());
  std::printf(
      "urgent on an idle gateway: API call to first submit_sm: median %.1f ms, max %.1f ms\n",
      idle[idle.size() / 2], idle.back());
  server.Stop();
  app.Stop();
  std::filesystem::remove_all(dir);

  std::printf("\n| measure (load average now: %.2f) | value | target |\n| --- | --- | --- |\n",
              LoadAverage());
  std::printf(
      "| %d recipients by HTTP: POST /api/v1/messages to the last submit_sm_resp | %.2f s "
      "| < 4 s |\n",
      recipients, Ms(h_last_resp - h0) / 1000.0);
  std::printf("| ... of which the POST until its 201 answer | %.2f s | |\n",
              Ms(h_answered - h0) / 1000.0);
  std::printf(
      "| urgent by HTTP during that bulk send: POST to first submit_sm | %.1f ms | < 50 ms |\n",
      http_urgent_ms);
  std::printf(
      "| %d recipients, second message: MessageService::Send to the last submit_sm_resp | "
      "%.2f s | < 4 s |\n",
      recipients, Ms(t_last_resp - t0) / 1000.0);
  std::printf("| ... of which Send() storing the message and deliveries | %.2f s | |\n",
              Ms(t_stored - t0) / 1000.0);
  std::printf("| ... to every delivery recorded submitted | %.2f s | |\n",
              Ms(t_recorded - t0) / 1000.0);
  std::printf("| urgent during that bulk send: Send() to first submit_sm | %.1f ms | < 50 ms |\n",
              urgent_ms);
  std::printf(
      "| urgent, idle gateway: API call to first submit_sm (median / max of 50) | "
      "%.1f / %.1f ms | < 50 ms |\n",
      idle[idle.size() / 2], idle.back());
  return 0;
}

}  // namespace
}  // namespace smsinfo

int main(int argc, char** argv) {
  int recipients = 100000;
  int binds = 2;
  int window = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    const int value = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--recipients") == 0) recipients = value;
    if (std::strcmp(argv[i], "--binds") == 0) binds = value;
    if (std::strcmp(argv[i], "--window") == 0) window = value;
  }
  return smsinfo::Run(recipients, binds, window);
}
