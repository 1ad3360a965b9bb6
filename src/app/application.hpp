// The composition root: builds the store, the gateways, dispatch, inbound and the app services
// from a Config, and starts and stops them in order. One per process; its services are
// thread-safe, Start/Stop are called from the main thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "app/account_service.hpp"
#include "app/audit_log.hpp"
#include "app/config.hpp"
#include "app/directory_service.hpp"
#include "app/event_bus.hpp"
#include "app/message_service.hpp"
#include "app/office_service.hpp"
#include "app/progress_tracker.hpp"
#include "app/register_service.hpp"
#include "app/session_service.hpp"
#include "base/clock.hpp"
#include "dispatch/dispatcher.hpp"
#include "gateway/routing/routing_gateway.hpp"
#include "gateway/simulator/simulator_gateway.hpp"
#include "inbound/inbound_processor.hpp"
#include "inbound/registration_service.hpp"
#include "inbound/system_messages.hpp"
#include "residents/matcher.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

class Application {
 public:
  // Opens the store (applying migrations) and wires everything; starts no thread.
  static Result<std::unique_ptr<Application>> Open(Config config);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Starts the gateway, dispatch (requeueing what a crash left in flight) and the inbound
  // maintenance (pending SMS, stale parts).
  Result<void> Start();
  // Stops taking work, drains in-flight SMS, joins every thread. Idempotent.
  void Stop();

  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  storage::Store& store() { return *store_; }
  AccountService& accounts() { return *accounts_; }
  MessageService& messages() { return *messages_; }
  DirectoryService& directory() { return *directory_; }
  RegisterService& registers() { return *registers_; }
  SessionService& sessions() { return *sessions_; }
  OfficeService& office() { return *office_; }
  // Live events for the web's event streams.
  EventBus& events() { return *events_; }
  inbound::InboundProcessor& inbound() { return *inbound_; }
  dispatch::Dispatcher& dispatcher() { return *dispatcher_; }
  // The gateways behind their routing rules: what dispatch sends through.
  gateway::Gateway& gateway() { return *gateway_; }
  // Every configured gateway, in config order, and which one sends what.
  std::vector<const gateway::Gateway*> gateways() const { return gateway_->Gateways(); }
  const gateway::RouteTable& routes() const { return gateway_->table(); }
  // The first simulator gateway, if one is configured; nullptr otherwise.
  gateway::simulator::SimulatorGateway* simulator() { return simulator_; }

 private:
  explicit Application(Config config);
  void HandleInbound(const std::string& gateway_name, gateway::InboundPart part,
                     std::function<void(bool)> stored);
  void MaintenanceLoop();
  // Publishes an "inbound" event (and a "registration" event for a registration SMS).
  void PublishInbound(InboundId id, domain::InboundKind kind);

  Config config_;
  SystemClock clock_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<gateway::RoutingGateway> gateway_;
  gateway::simulator::SimulatorGateway* simulator_ = nullptr;
  std::unique_ptr<dispatch::Dispatcher> dispatcher_;
  std::unique_ptr<residents::Matcher> matcher_;
  std::unique_ptr<inbound::SystemMessages> system_messages_;
  std::unique_ptr<inbound::RegistrationService> registration_service_;
  std::unique_ptr<inbound::InboundProcessor> inbound_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<MessageService> messages_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<RegisterService> registers_;
  std::unique_ptr<EventBus> events_;
  std::unique_ptr<ProgressTracker> progress_;
  std::unique_ptr<SessionService> sessions_;
  std::unique_ptr<OfficeService> office_;

  bool started_ = false;
  std::thread maintenance_;
  std::mutex maintenance_mutex_;
  std::condition_variable maintenance_cv_;
  bool stopping_ = false;
};

}  // namespace smsinfo::app
