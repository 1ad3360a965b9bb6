// Routes: /api/v1/organization, /api/v1/users, /api/v1/tokens, /api/v1/audit, /api/v1/me.
#include "domain/phone_number.hpp"
#include "web/api.hpp"

namespace smsinfo::web {

void Api::AddAdminRoutes() {
  router_.Add("GET", "/api/v1/me", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      return Json{{"name", actor.name},
                  {"role", domain::ToString(actor.role)},
                  {"user_id", actor.user ? Json(actor.user->value) : Json(nullptr)},
                  {"organization_id", actor.org.value}};
    });
  });

  router_.Add("GET", "/api/v1/organization", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto org = app_.accounts().GetOrganization(actor);
      if (!org.ok()) return org.error();
      return ToJson(*org);
    });
  });

  router_.Add("PATCH", "/api/v1/organization", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto org = app_.accounts().GetOrganization(actor);
      if (!org.ok()) return org.error();
      struct Field {
        const char* name;
        std::string* target;
      };
      const Field fields[] = {{"name", &org->name},
                              {"central_number", &org->central_number},
                              {"prefix", &org->prefix},
                              {"signature", &org->signature},
                              {"timezone", &org->timezone}};
      for (const Field& f : fields) {
        auto v = OptString(*body, f.name);
        if (!v.ok()) return v.error();
        if (v->has_value()) *f.target = **v;
      }
      for (auto [name, target] : {std::pair{"quiet_start_minute", &org->quiet_start_minute},
                                  std::pair{"quiet_end_minute", &org->quiet_end_minute}}) {
        auto v = OptInt(*body, name);
        if (!v.ok()) return v.error();
        if (v->has_value()) {
          if (**v < 0 || **v >= 24 * 60) {
            return Error::InvalidInput(std::string(name) +
                                       " must be minutes within a day (0..1439)");
          }
          *target = static_cast<int>(**v);
        }
      }
      auto price = OptInt(*body, "price_per_segment_milli");
      if (!price.ok()) return price.error();
      if (price->has_value()) org->price_per_segment_milli = **price;
      auto translit = OptBool(*body, "transliterate_by_default");
      if (!translit.ok()) return translit.error();
      if (translit->has_value()) org->transliterate_by_default = **translit;
      auto policy = OptString(*body, "registration_policy");
      if (!policy.ok()) return policy.error();
      if (policy->has_value()) {
        auto p = domain::ParseRegistrationPolicy(**policy);
        if (!p)
          return Error::InvalidInput("registration_policy must be manual or auto_approve_matched");
        org->registration_policy = *p;
      }
      if (auto texts = body->find("texts"); texts != body->end() && !texts->is_object()) {
        return Error::InvalidInput("field 'texts' must be an object");
      }
      if (auto texts = body->find("texts"); texts != body->end()) {
        const Field text_fields[] = {{"registration_received", &org->texts.registration_received},
                                     {"registration_approved", &org->texts.registration_approved},
                                     {"registration_rejected", &org->texts.registration_rejected},
                                     {"unregistered", &org->texts.unregistered},
                                     {"help", &org->texts.help}};
        for (const Field& f : text_fields) {
          auto v = OptString(*texts, f.name);
          if (!v.ok()) return v.error();
          if (v->has_value()) *f.target = **v;
        }
      }
      auto updated = app_.accounts().UpdateOrganization(actor, *org);
      if (!updated.ok()) return updated.error();
      return ToJson(*updated);
    });
  });

  router_.Add("GET", "/api/v1/users", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto users = app_.accounts().ListUsers(actor);
      if (!users.ok()) return users.error();
      Json items = Json::array();
      for (const auto& u : *users) items.push_back(ToJson(u));
      return Json{{"items", items}, {"total", items.size()}};
    });
  });

  router_.Add("POST", "/api/v1/users", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto username = ReqString(*body, "username");
      if (!username.ok()) return username.error();
      auto password = ReqString(*body, "password");
      if (!password.ok()) return password.error();
      auto role_text = ReqString(*body, "role");
      if (!role_text.ok()) return role_text.error();
      auto role = domain::ParseRole(*role_text);
      if (!role) return Error::InvalidInput("role must be admin, operator or viewer");
      auto user = app_.accounts().CreateUser(actor, *username, *password, *role);
      if (!user.ok()) return user.error();
      return ToJson(*user);
    });
  });

  router_.Add("PATCH", "/api/v1/users/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto role_text = OptString(*body, "role");
      if (!role_text.ok()) return role_text.error();
      std::optional<domain::Role> role;
      if (role_text->has_value()) {
        role = domain::ParseRole(**role_text);
        if (!role) return Error::InvalidInput("role must be admin, operator or viewer");
      }
      auto active = OptBool(*body, "active");
      if (!active.ok()) return active.error();
      auto user = app_.accounts().UpdateUser(actor, UserId(*id), role, *active);
      if (!user.ok()) return user.error();
      return ToJson(*user);
    });
  });

  router_.Add("GET", "/api/v1/tokens", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto tokens = app_.accounts().ListTokens(actor);
      if (!tokens.ok()) return tokens.error();
      Json items = Json::array();
      for (const auto& t : *tokens) items.push_back(ToJson(t));
      return Json{{"items", items}, {"total", items.size()}};
    });
  });

  router_.Add("POST", "/api/v1/tokens", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto name = ReqString(*body, "name");
      if (!name.ok()) return name.error();
      auto token = app_.accounts().CreateToken(actor, *name);
      if (!token.ok()) return token.error();
      Json out = ToJson(token->token);
      out["token"] = token->secret;
      return out;
    });
  });

  router_.Add("DELETE", "/api/v1/tokens/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      SMSINFO_TRY(app_.accounts().RevokeToken(actor, ApiTokenId(*id)));
      return Json{{"deleted", *id}};
    });
  });

  router_.Add("GET", "/api/v1/audit", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      storage::AuditFilter f;
      f.action = req.Query("action");
      if (const std::string user = req.Query("user"); !user.empty()) {
        auto id = IdFrom({{"user", user}}, "user");
        if (!id.ok()) return Error::InvalidInput("user must be a user id");
        f.user = UserId(*id);
      }
      for (auto [name, target] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
        if (const std::string v = req.Query(name); !v.empty()) {
          TimePoint t;
          if (!ParseIso8601(v, &t)) {
            return Error::InvalidInput(std::string(name) +
                                       " must be a time like 2026-01-31T00:00:00Z");
          }
          *target = t;
        }
      }
      auto list = app_.office().ListAudit(actor, f, *page);
      if (!list.ok()) return list.error();
      return PageJson(*list);
    });
  });
}

void Api::AddSimulatorRoutes() {
  router_.Add("POST", "/api/v1/simulator/inbound",
              [this](const HttpRequest& req, const PathParams&) {
                return Authed(req, 202, [&](const app::Actor& actor) -> Result<Json> {
                  SMSINFO_TRY(app::Require(actor, app::Permission::kOperate));
                  auto* sim = app_.simulator();
                  if (sim == nullptr)
                    return Error::NotFound("the simulator gateway is not configured");
                  auto body = ParseObject(req.body);
                  if (!body.ok()) return body.error();
                  auto from = ReqString(*body, "from");
                  if (!from.ok()) return from.error();
                  auto text = ReqString(*body, "text");
                  if (!text.ok()) return text.error();
                  auto to = OptString(*body, "to");
                  if (!to.ok()) return to.error();
                  std::string to_number = to->value_or("");
                  if (to_number.empty()) {
                    auto org = app_.accounts().GetOrganization(actor);
                    if (!org.ok()) return org.error();
                    to_number = org->central_number;
                  }
                  if (from->empty() || from->size() > 32)
                    return Error::InvalidInput("field 'from' must be 1 to 32 characters");
                  if (text->size() > 10000)
                    return Error::InvalidInput("field 'text' is longer than 10,000 bytes");
                  auto out_of_order = OptBool(*body, "out_of_order");
                  if (!out_of_order.ok()) return out_of_order.error();
                  if (!sim->Inject(*from, to_number, *text, out_of_order->value_or(false))) {
                    return Error::Unavailable("the simulated SMS could not be stored");
                  }
                  return Json{{"stored", true}, {"from", *from}, {"to", to_number}};
                });
              });

  router_.Add("GET", "/api/v1/simulator/outbox", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      SMSINFO_TRY(app::Require(actor, app::Permission::kRead));
      auto* sim = app_.simulator();
      if (sim == nullptr) return Error::NotFound("the simulator gateway is not configured");
      std::string to = req.Query("to");
      if (!to.empty()) {
        auto phone = domain::PhoneNumber::Parse(to);
        if (phone.ok()) to = phone->e164();
      }
      Json items = Json::array();
      for (const auto& sms : sim->Outbox(to)) {
        items.push_back({{"to", sms.to},
                         {"text", sms.text},
                         {"parts", sms.parts},
                         {"received_at", FormatIso8601(sms.received_at)}});
      }
      return Json{{"items", items}, {"total", items.size()}};
    });
  });
}

}  // namespace smsinfo::web
