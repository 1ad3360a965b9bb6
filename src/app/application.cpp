#include "app/application.hpp"

#include <spdlog/spdlog.h>

#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {

Application::Application(Config config) : config_(std::move(config)) {}

Application::~Application() { Stop(); }

Result<std::unique_ptr<Application>> Application::Open(Config config) {
  std::unique_ptr<Application> app(new Application(std::move(config)));
  const Config& c = app->config_;
  auto store = storage::sqlite::OpenSqliteStore(c.DatabasePath());
  if (!store.ok()) return store.error();
  app->store_ = std::move(*store);
  app->audit_ = std::make_unique<AuditLog>(*app->store_, app->clock_);

  const GatewayConfig& g = c.gateways.front();
  gateway::simulator::SimulatorConfig sim;
  sim.name = g.name;
  sim.receipt_delay = std::chrono::milliseconds(g.receipt_delay_ms);
  sim.failure_ratio = g.failure_ratio;
  sim.failing_numbers = g.failing_numbers;
  sim.rejected_numbers = g.rejected_numbers;
  sim.window = static_cast<std::size_t>(g.window);
  auto simulator = std::make_unique<gateway::simulator::SimulatorGateway>(sim, app->clock_);
  app->simulator_ = simulator.get();
  app->gateway_ = std::move(simulator);

  dispatch::DispatchConfig dc;
  dc.batch = static_cast<std::size_t>(c.dispatch.batch);
  dc.idle_poll = std::chrono::milliseconds(c.dispatch.idle_poll_ms);
  dc.retry_base = std::chrono::seconds(c.dispatch.retry_base_s);
  dc.retry_max = std::chrono::seconds(c.dispatch.retry_max_s);
  app->dispatcher_ = std::make_unique<dispatch::Dispatcher>(*app->store_, app->clock_, *app->gateway_, dc);
  Application* self = app.get();
  auto wake = [self] { self->dispatcher_->Wake(); };

  app->matcher_ = std::make_unique<residents::Matcher>(app->store_->residents(), std::string());
  app->system_messages_ = std::make_unique<inbound::SystemMessages>(*app->store_, app->clock_, wake);
  app->registration_service_ = std::make_unique<inbound::RegistrationService>(
      *app->store_, app->clock_, *app->matcher_, *app->system_messages_);
  inbound::InboundConfig ic;
  ic.flood_max = static_cast<int>(c.inbound.flood_max);
  ic.flood_window = std::chrono::seconds(c.inbound.flood_window_s);
  ic.reassembly_timeout = std::chrono::seconds(c.inbound.reassembly_timeout_s);
  ic.default_region = c.inbound.default_region;
  app->inbound_ = std::make_unique<inbound::InboundProcessor>(
      *app->store_, app->clock_, *app->registration_service_, *app->system_messages_, ic);

  app->accounts_ = std::make_unique<AccountService>(*app->store_, app->clock_, *app->audit_);
  app->messages_ = std::make_unique<MessageService>(*app->store_, app->clock_, *app->audit_,
                                                    c.dispatch.validity_hours, wake);
  app->directory_ = std::make_unique<DirectoryService>(*app->store_, app->clock_, *app->audit_);
  app->registers_ = std::make_unique<RegisterService>(*app->store_, app->clock_, *app->audit_,
                                                      *app->registration_service_);
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
  started_ = false;
}

}  // namespace smsinfo::app
