// `smsinfo users|tokens|text|simulator`.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/account_service.hpp"
#include "cli/api_client.hpp"
#include "cli/commands.hpp"
#include "sms_text/compose.hpp"
#include "web/json_io.hpp"

namespace smsinfo::cli {
namespace {

nlohmann::json AnalysisJson(const sms_text::TextAnalysis& a) {
  return {{"text", a.text},
          {"encoding", domain::ToString(a.encoding)},
          {"characters", a.characters},
          {"units", a.units},
          {"segments", a.segments},
          {"parts", a.parts}};
}

}  // namespace

void Commands::Register(CLI::App& cli) {
  RegisterSetup(cli);
  RegisterOffice(cli);
  RegisterAdmin(cli);
}

void Commands::RegisterAdmin(CLI::App& cli) {
  // users
  auto* users = cli.add_subcommand("users", "People who sign in to the office application");
  users->require_subcommand(1);
  users->add_subcommand("list", "List users")->callback([this] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto list = app.accounts().ListUsers(actor);
      if (!list.ok()) return list.error();
      nlohmann::json items = nlohmann::json::array();
      for (const auto& u : *list) items.push_back(web::ToJson(u));
      context_.Print(items);
      return Ok();
    });
  });
  auto* uadd = users->add_subcommand("add", "Create a user; prints a generated password");
  auto username = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>("operator");
  uadd->add_option("username", *username, "Username")->required();
  uadd->add_option("--role", *role, "admin, operator or viewer")->capture_default_str();
  uadd->callback([this, username, role] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto r = domain::ParseRole(*role);
      if (!r) return Error::InvalidInput("--role must be admin, operator or viewer");
      const std::string password = app::AccountService::RandomSecret(12);
      auto user = app.accounts().CreateUser(actor, *username, password, *r);
      if (!user.ok()) return user.error();
      std::cout << "user: " << user->username << "\nrole: " << domain::ToString(user->role)
                << "\npassword: " << password << "\n";
      return Ok();
    });
  });
  auto* passwd = users->add_subcommand("passwd", "Give a user a new generated password");
  passwd->add_option("username", *username, "Username")->required();
  passwd->callback([this, username] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto user = app.store().users().FindByUsername(*username);
      if (!user.ok() || user->org_id != actor.org) return Error::NotFound("no user " + *username);
      const std::string password = app::AccountService::RandomSecret(12);
      SMSINFO_TRY(app.accounts().SetPassword(actor, user->id, password));
      std::cout << "user: " << *username << "\npassword: " << password << "\n";
      return Ok();
    });
  });

  // tokens
  auto* tokens = cli.add_subcommand("tokens", "API tokens (Authorization: Bearer ...)");
  tokens->require_subcommand(1);
  tokens->add_subcommand("list", "List tokens")->callback([this] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto list = app.accounts().ListTokens(actor);
      if (!list.ok()) return list.error();
      nlohmann::json items = nlohmann::json::array();
      for (const auto& t : *list) items.push_back(web::ToJson(t));
      context_.Print(items);
      return Ok();
    });
  });
  auto* tcreate = tokens->add_subcommand("create", "Create a token (acts as the first admin)");
  auto token_name = std::make_shared<std::string>();
  tcreate->add_option("name", *token_name, "What the token is for")->required();
  tcreate->callback([this, token_name] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto token = app.accounts().CreateToken(actor, *token_name);
      if (!token.ok()) return token.error();
      std::cout << "token: " << token->secret << "\n";
      return Ok();
    });
  });
  auto* trevoke = tokens->add_subcommand("revoke", "Revoke a token");
  auto token_id = std::make_shared<std::int64_t>(0);
  trevoke->add_option("id", *token_id, "Token id")->required();
  trevoke->callback([this, token_id] {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      return app.accounts().RevokeToken(actor, ApiTokenId(*token_id));
    });
  });

  // text analyze
  auto* text = cli.add_subcommand("text", "SMS text tools");
  text->require_subcommand(1);
  auto* analyze = text->add_subcommand("analyze", "Show the text as phones will get it, with counts");
  auto body = std::make_shared<std::string>();
  auto keep = std::make_shared<bool>(false);
  analyze->add_option("text", *body, "The message")->required();
  analyze->add_flag("--keep-diacritics", *keep, "Do not transliterate");
  analyze->callback([this, body, keep] {
    const auto db = std::filesystem::path(context_.data_dir) / "smsinfo.db";
    if (!std::filesystem::exists(db)) {
      // No installation here: the embedded defaults for prefix and signature.
      const domain::Organization defaults;
      sms_text::ComposeOptions options{defaults.prefix, defaults.signature, !*keep};
      context_.Print(AnalysisJson(sms_text::Compose(*body, options)));
      return;
    }
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      auto a = app.messages().Analyze(actor, *body, !*keep);
      if (!a.ok()) return a.error();
      context_.Print(AnalysisJson(*a));
      return Ok();
    });
  });

  // simulator (talks to the running server, where the simulator lives)
  auto* simulator = cli.add_subcommand("simulator", "The built-in simulated phone network (server must run)");
  simulator->require_subcommand(1);
  auto call = [this](const std::string& method, const std::string& path, const std::string& json_body) {
    WithApp([&](app::Application& app, const app::Actor& actor) -> Result<void> {
      std::ifstream url_file(std::filesystem::path(context_.data_dir) / "server.url");
      std::string url;
      if (!(url_file >> url)) {
        return Error::Unavailable("no running server for " + context_.data_dir + ": start `smsinfo serve` first");
      }
      // A short-lived token for this one call.
      auto token = app.accounts().CreateToken(actor, "cli-simulator");
      if (!token.ok()) return token.error();
      auto reply = CallApi(url, method, path, token->secret, json_body);
      (void)app.accounts().RevokeToken(actor, token->token.id);
      if (!reply.ok()) return reply.error();
      auto parsed = nlohmann::json::parse(reply->body, nullptr, false);
      if (reply->status >= 400) {
        std::string message = reply->body;
        if (!parsed.is_discarded() && parsed.contains("error")) message = parsed["error"].value("message", message);
        return Error::InvalidInput(message);
      }
      if (parsed.is_discarded()) {
        std::cout << reply->body << "\n";
      } else {
        context_.Print(parsed);
      }
      return Ok();
    });
  };
  auto* sin = simulator->add_subcommand("inbound", "A simulated phone sends an SMS to the central number");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto sms = std::make_shared<std::string>();
  sin->add_option("--from", *from, "Sender's number")->required();
  sin->add_option("--to", *to, "Central number (default: the organization's)");
  sin->add_option("--text", *sms, "The SMS text")->required();
  sin->callback([call, from, to, sms] {
    nlohmann::json b{{"from", *from}, {"text", *sms}};
    if (!to->empty()) b["to"] = *to;
    call("POST", "/api/v1/simulator/inbound", b.dump());
  });
  auto* sout = simulator->add_subcommand("outbox", "What the simulated phones received");
  auto outbox_to = std::make_shared<std::string>();
  sout->add_option("--to", *outbox_to, "Only this phone");
  sout->callback([call, outbox_to] {
    std::string path = "/api/v1/simulator/outbox";
    if (!outbox_to->empty()) {
      std::string encoded;
      for (char c : *outbox_to) {
        if (c == '+') {
          encoded += "%2B";
        } else {
          encoded += c;
        }
      }
      path += "?to=" + encoded;
    }
    call("GET", path, "");
  });
}

}  // namespace smsinfo::cli
