// `smsinfo init` and `smsinfo serve`.
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "web/api.hpp"
#include "web/http_server.hpp"

namespace smsinfo::cli {
namespace {

void PrintCredentials(const app::InitResult& init) {
  std::cout << "organization: " << init.organization.name << "\n"
            << "user: " << init.username << "\n"
            << "password: " << init.password << "\n"
            << "token: " << init.token << "\n"
            << "(the password and token are shown only now; keep them safe)\n";
}

Result<void> EnsureDataDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::Unavailable("cannot create data folder " + dir + ": " + ec.message());
  const auto config = std::filesystem::path(dir) / "smsinfo.toml";
  if (!std::filesystem::exists(config)) {
    std::ofstream out(config);
    out << app::DefaultConfigText();
    if (!out) return Error::Unavailable("cannot write " + config.string());
  }
  return Ok();
}

}  // namespace

void Commands::RegisterSetup(CLI::App& cli) {
  auto* init =
      cli.add_subcommand("init", "Create the data folder: config, database, admin account");
  auto name = std::make_shared<std::string>("Obec");
  auto number = std::make_shared<std::string>();
  auto admin = std::make_shared<std::string>("admin");
  init->add_option("--name", *name, "Name of the municipality")->capture_default_str();
  init->add_option("--number", *number, "Central phone number citizens text, e.g. +420720001676");
  init->add_option("--admin", *admin, "Username of the first admin")->capture_default_str();
  init->callback([this, name, number, admin] {
    if (auto dir = EnsureDataDir(context_.data_dir); !dir.ok()) {
      exit_code_ = Fail(dir.error());
      return;
    }
    auto app = context_.OpenApp();
    if (!app.ok()) {
      exit_code_ = Fail(app.error());
      return;
    }
    auto result = (*app)->accounts().Initialize({*name, *number, *admin});
    if (!result.ok()) {
      exit_code_ = Fail(result.error());
      return;
    }
    std::cout << "initialized " << context_.data_dir << "\n";
    PrintCredentials(*result);
  });

  auto* serve =
      cli.add_subcommand("serve", "Run the service: web UI, REST API, gateways, dispatch");
  auto listen = std::make_shared<std::string>();
  serve->add_option("--listen", *listen, "HOST:PORT to listen on (overrides server.listen)");
  auto in_browser = std::make_shared<bool>(false);
  serve->add_flag("--setup-in-browser", *in_browser,
                  "On the first start, create no admin: the first visitor of the web "
                  "application sets up the organization and the admin account");
  serve->callback(
      [this, listen, in_browser] { exit_code_ = Serve(context_, *listen, *in_browser); });
}

int Serve(const CliContext& context, const std::string& listen_override, bool setup_in_browser) {
  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (auto dir = EnsureDataDir(context.data_dir); !dir.ok()) return Fail(dir.error());
  auto config = app::LoadConfig(context.data_dir);
  if (!config.ok()) return Fail(config.error());
  if (!listen_override.empty()) config->server.listen = listen_override;
  spdlog::set_level(spdlog::level::from_str(config->log.level));
  auto address = web::ParseListenAddress(config->server.listen);
  if (!address.ok()) return Fail(address.error());

  auto app = app::Application::Open(*config);
  if (!app.ok()) return Fail(app.error());
  const bool first_start = !(*app)->accounts().DefaultOrganization().ok();
  if (first_start && !setup_in_browser) {
    auto init = (*app)->accounts().Initialize({});
    if (!init.ok()) return Fail(init.error());
    std::cout << "first start: created the organization and its admin account\n";
    PrintCredentials(*init);
  }
  if (auto started = (*app)->Start(); !started.ok()) return Fail(started.error());

  web::Api api(**app);
  web::HttpServer server([&api](const web::HttpRequest& request) { return api.Handle(request); });
  if (auto s = server.Start(*address, config->server.threads,
                            static_cast<std::size_t>(config->server.max_body_bytes),
                            web::TlsFiles{config->server.tls_cert, config->server.tls_key});
      !s.ok()) {
    (*app)->Stop();
    return Fail(s.error());
  }
  const std::string host =
      address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
  const std::string url = (config->server.tls_cert.empty() ? "http://" : "https://") + host + ":" +
                          std::to_string(address->port);
  const auto url_file = std::filesystem::path(context.data_dir) / "server.url";
  std::ofstream(url_file) << url << "\n";
  std::cout << "smsinfo is serving on " << url << " (data: " << context.data_dir
            << "); stop with Ctrl+C" << std::endl;
  if (first_start && setup_in_browser) {
    std::cout << "first start: open " << url << " to create the organization and its admin account"
              << std::endl;
  }

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  spdlog::info("signal {} received: stopping", signal_number);
  server.Stop();
  (*app)->Stop();
  std::error_code ec;
  std::filesystem::remove(url_file, ec);
  return 0;
}

}  // namespace smsinfo::cli
