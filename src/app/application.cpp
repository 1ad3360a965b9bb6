#include "app/application.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "gateway/smpp/smpp_gateway.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {
namespace {

// How long a delivery receipt that matches no sent part is kept for its part to show up. A
// receipt overtakes its submit_sm_resp by milliseconds at most, so a week only lets an
// operator look at strays before they go.
constexpr auto kUnmatchedReceiptLife = std::chrono::hours(24 * 7);

// A file named in the config, relative to the data folder unless absolute.
std::string ResolvePath(const std::string& path, const std::string& data_dir) {
  if (path.empty() || data_dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(data_dir) / path).string();
}

// The [[gateway]] table of an smpp gateway as the gateway's own settings (validated by Config).
gateway::smpp::SmppConfig ToSmppConfig(const GatewayConfig& g, const std::string& data_dir) {
  using gateway::smpp::LongMessageMode;
  using gateway::smpp::MessageIdFormat;
  auto id_format = [](const std::string& f) {
    return f == "hex"       ? MessageIdFormat::kHex
           : f == "decimal" ? MessageIdFormat::kDecimal
                            : MessageIdFormat::kAsIs;
  };
  gateway::smpp::SmppConfig s;
  s.name = g.name;
  s.host = g.host;
  s.port = static_cast<std::uint16_t>(g.port);
  s.system_id = g.system_id;
  s.password = g.password;
  s.system_type = g.system_type;
  s.bind_mode = g.bind_mode == "transmitter+receiver"
                    ? gateway::smpp::BindMode::kTransmitterAndReceiver
                    : gateway::smpp::BindMode::kTransceiver;
  s.binds = static_cast<int>(g.binds);
  s.window = static_cast<std::size_t>(g.window);
  s.throughput = static_cast<int>(g.throughput);
  s.source_addr = g.source_addr;
  s.source_ton = static_cast<std::uint8_t>(g.source_ton);
  s.source_npi = static_cast<std::uint8_t>(g.source_npi);
  s.dest_ton = static_cast<std::uint8_t>(g.dest_ton);
  s.dest_npi = static_cast<std::uint8_t>(g.dest_npi);
  s.gsm_packed = g.gsm_encoding == "packed";
  s.long_messages = g.long_messages == "udh16"     ? LongMessageMode::kUdh16
                    : g.long_messages == "sar"     ? LongMessageMode::kSar
                    : g.long_messages == "payload" ? LongMessageMode::kPayload
                                                   : LongMessageMode::kUdh8;
  s.request_receipts = g.request_receipts;
  s.submit_id_format = id_format(g.submit_id_format);
  s.receipt_id_format = id_format(g.receipt_id_format);
  s.enquire_link_interval = std::chrono::seconds(g.enquire_link_s);
  s.response_timeout = std::chrono::milliseconds(g.response_timeout_ms);
  s.connect_timeout = std::chrono::milliseconds(g.connect_timeout_ms);
  s.reconnect_min = std::chrono::milliseconds(g.reconnect_min_ms);
  s.reconnect_max = std::chrono::milliseconds(g.reconnect_max_ms);
  s.throttle_backoff = std::chrono::milliseconds(g.throttle_backoff_ms);
  s.drain_timeout = std::chrono::milliseconds(g.drain_timeout_ms);
  s.tls = g.tls;
  s.tls_ca_file = ResolvePath(g.tls_ca_file, data_dir);
  s.tls_verify = g.tls_verify;
  s.tls_server_name = g.tls_server_name;
  s.tls_cert_file = ResolvePath(g.tls_cert_file, data_dir);
  s.tls_key_file = ResolvePath(g.tls_key_file, data_dir);
  return s;
}

// [[route]] rules as indexes into config.gateways (validated by Config).
gateway::RouteTable RouteTableFrom(const Config& c) {
  gateway::RouteTable table;
  table.default_gateway = c.DefaultGateway();
  for (const RouteConfig& r : c.routes) {
    const auto kind = gateway::ParseRouteKind(r.kind);
    if (!kind) continue;
    for (std::size_t i = 0; i < c.gateways.size(); ++i) {
      if (c.gateways[i].name == r.gateway) table.by_kind[static_cast<std::size_t>(*kind)] = i;
    }
  }
  return table;
}

}  // namespace

Application::Application(Config config) : config_(std::move(config)) {}

Application::~Application() { Stop(); }

Result<std::unique_ptr<Application>> Application::Open(Config config) {
  std::unique_ptr<Application> app(new Application(std::move(config)));
  const Config& c = app->config_;
  auto store = storage::sqlite::OpenSqliteStore(c.DatabasePath());
  if (!store.ok()) return store.error();
  app->store_ = std::move(*store);
  app->audit_ = std::make_unique<AuditLog>(*app->store_, app->clock_);

  std::vector<std::unique_ptr<gateway::Gateway>> gateways;
  for (const GatewayConfig& g : c.gateways) {
    if (g.type == "smpp") {
      gateways.push_back(
          std::make_unique<gateway::smpp::SmppGateway>(ToSmppConfig(g, c.data_dir), app->clock_));
      continue;
    }
    gateway::simulator::SimulatorConfig sim;
    sim.name = g.name;
    sim.receipt_delay = std::chrono::milliseconds(g.receipt_delay_ms);
    sim.failure_ratio = g.failure_ratio;
    sim.failing_numbers = g.failing_numbers;
    sim.rejected_numbers = g.rejected_numbers;
    sim.window = static_cast<std::size_t>(g.window);
    auto simulator = std::make_unique<gateway::simulator::SimulatorGateway>(sim, app->clock_);
    if (app->simulator_ == nullptr) app->simulator_ = simulator.get();
    gateways.push_back(std::move(simulator));
  }
  auto routing = gateway::RoutingGateway::Create(std::move(gateways), RouteTableFrom(c));
  if (!routing.ok()) return routing.error();
  app->gateway_ = std::move(*routing);
  {
    const gateway::RouteTable& table = app->gateway_->table();
    std::string routes;
    for (int k = 0; k < gateway::kRouteKinds; ++k) {
      const auto kind = static_cast<gateway::RouteKind>(k);
      routes += std::string(k == 0 ? "" : ", ") + gateway::ToString(kind) + " → " +
                c.gateways[table.For(kind)].name;
    }
    spdlog::info("routes: {}", routes);
  }

  dispatch::DispatchConfig dc;
  dc.batch = static_cast<std::size_t>(c.dispatch.batch);
  dc.idle_poll = std::chrono::milliseconds(c.dispatch.idle_poll_ms);
  dc.retry_base = std::chrono::seconds(c.dispatch.retry_base_s);
  dc.retry_max = std::chrono::seconds(c.dispatch.retry_max_s);
  app->dispatcher_ =
      std::make_unique<dispatch::Dispatcher>(*app->store_, app->clock_, *app->gateway_, dc);
  Application* self = app.get();
  auto wake = [self] { self->dispatcher_->Wake(); };

  app->matcher_ = std::make_unique<residents::Matcher>(app->store_->residents(), std::string());
  app->system_messages_ =
      std::make_unique<inbound::SystemMessages>(*app->store_, app->clock_, wake);
  app->registration_service_ = std::make_unique<inbound::RegistrationService>(
      *app->store_, app->clock_, *app->matcher_, *app->system_messages_);
  inbound::InboundConfig ic;
  ic.flood_max = static_cast<int>(c.inbound.flood_max);
  ic.flood_window = std::chrono::seconds(c.inbound.flood_window_s);
  ic.reassembly_timeout = std::chrono::seconds(c.inbound.reassembly_timeout_s);
  ic.default_region = c.inbound.default_region;
  app->inbound_ = std::make_unique<inbound::InboundProcessor>(
      *app->store_, app->clock_, *app->registration_service_, *app->system_messages_, ic);

  app->accounts_ =
      std::make_unique<AccountService>(*app->store_, app->clock_, *app->audit_,
                                       [self] { self->dispatcher_->OrganizationsChanged(); });
  app->messages_ = std::make_unique<MessageService>(*app->store_, app->clock_, *app->audit_,
                                                    c.dispatch.validity_hours, wake);
  app->directory_ = std::make_unique<DirectoryService>(*app->store_, app->clock_, *app->audit_);
  app->registers_ = std::make_unique<RegisterService>(*app->store_, app->clock_, *app->audit_,
                                                      *app->registration_service_);
  app->events_ = std::make_unique<EventBus>();
  app->progress_ = std::make_unique<ProgressTracker>(*app->store_, *app->events_);
  app->messages_->SetSentListener(
      [self](OrgId org, MessageId id) { self->progress_->Track(org, id); });
  app->dispatcher_->SetFlushListener(
      [self](const dispatch::FlushSummary&) { self->progress_->Notify(); });
  SessionConfig sc;
  sc.idle = std::chrono::minutes(c.server.session_idle_minutes);
  sc.absolute = std::chrono::hours(c.server.session_max_hours);
  app->sessions_ = std::make_unique<SessionService>(*app->store_, app->clock_, *app->audit_,
                                                    *app->accounts_, sc);
  app->office_ =
      std::make_unique<OfficeService>(*app->store_, app->clock_, *app->audit_, *app->messages_);
  app->dispatcher_->SetInboundHandler(
      [self](const std::string& name, gateway::InboundPart part, std::function<void(bool)> stored) {
        self->HandleInbound(name, std::move(part), std::move(stored));
      });
  return app;
}

void Application::HandleInbound(const std::string& gateway_name, gateway::InboundPart part,
                                std::function<void(bool)> stored) {
  inbound::ReceivedPart received;
  received.gateway = gateway_name;
  received.from = std::move(part.from);
  received.to = std::move(part.to);
  received.text = std::move(part.text);
  if (part.concat) {
    received.concat_ref = part.concat->ref;
    received.concat_total = part.concat->total;
    received.concat_seq = part.concat->seq;
  }
  received.received_at = part.received_at;
  auto id = inbound_->Receive(received);
  if (!id.ok()) {
    spdlog::error("inbound SMS from {} not stored: {}", received.from, id.error().message);
    stored(false);
    return;
  }
  // Processing right after storing keeps the order of a number's SMS; if it fails, the SMS
  // stays pending and is processed again at the next start.
  if (id->has_value()) {
    auto kind = inbound_->Process(**id);
    if (!kind.ok()) {
      spdlog::error("inbound SMS {} stored but not processed: {}", (*id)->value,
                    kind.error().message);
    } else {
      PublishInbound(**id, *kind);
    }
  }
  stored(true);
}

Result<void> Application::Start() {
  if (started_) return Ok();
  auto pending = inbound_->ProcessPending();
  if (!pending.ok()) return pending.error();
  if (*pending > 0) spdlog::info("processed {} inbound SMS left pending", *pending);
  gateway_->Start(*dispatcher_);
  dispatcher_->Start();
  progress_->Start();
  stopping_ = false;
  maintenance_ = std::thread([this] { MaintenanceLoop(); });
  started_ = true;
  return Ok();
}

void Application::MaintenanceLoop() {
  std::unique_lock lock(maintenance_mutex_);
  while (!stopping_) {
    maintenance_cv_.wait_for(lock, std::chrono::seconds(30), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    auto flushed = inbound_->FlushStaleParts();
    if (!flushed.ok()) spdlog::warn("flushing stale SMS parts failed: {}", flushed.error().message);
    auto swept = sessions_->Sweep();
    if (!swept.ok()) spdlog::warn("deleting expired sessions failed: {}", swept.error().message);
    auto pruned = store_->deliveries().PruneUnmatchedReceipts(clock_.Now() - kUnmatchedReceiptLife);
    if (!pruned.ok()) {
      spdlog::warn("forgetting unmatched receipts failed: {}", pruned.error().message);
    } else if (*pruned > 0) {
      spdlog::info("forgot {} delivery receipts that matched no sent part in 7 days", *pruned);
    }
    auto forgotten = store_->privacy().ForgetPhonesOfFinishedErasureReplies();
    if (!forgotten.ok()) {
      spdlog::warn("forgetting the phones of erasure confirmations failed: {}",
                   forgotten.error().message);
    }
    lock.lock();
  }
}

void Application::Stop() {
  if (!started_) return;
  {
    std::lock_guard lock(maintenance_mutex_);
    stopping_ = true;
  }
  maintenance_cv_.notify_all();
  if (maintenance_.joinable()) maintenance_.join();
  dispatcher_->Stop();
  gateway_->Stop();
  progress_->Stop();
  started_ = false;
}

void Application::PublishInbound(InboundId id, domain::InboundKind kind) {
  if (events_->subscribers() == 0) return;
  // The SMS knows its organization; single-tenant installs have one, so this is one lookup.
  auto orgs = store_->organizations().List();
  if (!orgs.ok()) return;
  for (const auto& org : *orgs) {
    auto sms = store_->inbound().Get(org.id, id);
    if (!sms.ok()) continue;
    Event e;
    e.org = org.id;
    e.type = "inbound";
    e.id = id.value;
    e.fields = {{"kind", domain::ToString(kind)}, {"from", sms->from}};
    events_->Publish(e);
    if (kind == domain::InboundKind::kRegistration) {
      storage::RegistrationFilter f;
      f.phone = sms->from;
      auto regs = store_->registrations().List(org.id, f, storage::Page{1, 0});
      if (regs.ok() && !regs->items.empty()) {
        Event r;
        r.org = org.id;
        r.type = "registration";
        r.id = regs->items.front().id.value;
        r.fields = {{"status", domain::ToString(regs->items.front().status)}};
        events_->Publish(r);
      }
    }
    return;
  }
}

}  // namespace smsinfo::app
