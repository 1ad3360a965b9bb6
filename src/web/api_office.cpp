// Routes for the office web application (issue #4): /api/v1/setup, /api/v1/session,
// /api/v1/overview, /api/v1/inbound/{id}/reply, /api/v1/privacy, /api/v1/templates,
// /api/v1/contacts/import and /export, and the event stream /api/v1/events.
#include <mutex>

#include "domain/phone_number.hpp"
#include "web/api.hpp"

namespace smsinfo::web {
namespace {

Json SessionJson(app::Application& app, const app::SessionInfo& s) {
  Json org = {{"id", s.actor.org.value}, {"name", ""}};
  if (auto o = app.store().organizations().Get(s.actor.org); o.ok()) org["name"] = o->name;
  return {{"user",
           {{"id", s.actor.user ? Json(s.actor.user->value) : Json(nullptr)},
            {"username", s.username},
            {"role", domain::ToString(s.actor.role)}}},
          {"organization", org},
          {"csrf_token", s.csrf_token}};
}

HttpResponse SignedInResponse(app::Application& app, const HttpRequest& req, int status,
                              const app::SessionInfo& s) {
  HttpResponse r = Api::JsonResponse(status, SessionJson(app, s));
  r.headers.emplace_back("Set-Cookie", SessionCookieValue(req, s.session_id));
  return r;
}

Json SendJson(const app::SendResult& sent) {
  return {{"id", sent.message.id.value},
          {"recipients", sent.recipients},
          {"encoding", domain::ToString(sent.message.encoding)},
          {"segments", sent.message.segments},
          {"total_segments", sent.total_segments},
          {"cost_milli", sent.cost_milli},
          {"text", sent.message.text},
          {"send_at", FormatIso8601(sent.message.send_at)}};
}

Json TemplateJson(const storage::MessageTemplate& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"text", t.text},
          {"created_by", t.created_by ? Json(t.created_by->value) : Json(nullptr)},
          {"created_at", FormatIso8601(t.created_at)}};
}

// One open /api/v1/events stream: the subscription's events as SSE text.
class SseStream final : public EventStream {
 public:
  explicit SseStream(std::unique_ptr<app::EventBus::Subscription> subscription)
      : subscription_(std::move(subscription)) {}

  void SetWake(std::function<void()> wake) override { subscription_->SetNotifier(std::move(wake)); }

  std::string Take() override {
    std::size_t dropped = 0;
    auto events = subscription_->Take(&dropped);
    std::string out;
    if (dropped > 0) {
      // The browser was too slow: it should reload what it shows.
      out += "event: resync\ndata: {\"dropped\":" + std::to_string(dropped) + "}\n\n";
    }
    for (const auto& e : events) {
      Json data = {{"id", e.id}};
      for (const auto& [k, v] : e.fields) data[k] = v;
      if (e.type == "message") data["counts"] = e.counts;
      out += "event: " + e.type +
             "\ndata: " + data.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n\n";
    }
    return out;
  }

 private:
  std::unique_ptr<app::EventBus::Subscription> subscription_;
};

// {"recipients": {...}} of a preview: the same fields as POST /api/v1/messages takes. Phones
// stay as typed (the service reports those that don't parse).
Result<storage::RecipientSelection> PreviewSelectionFrom(const Json& body) {
  storage::RecipientSelection to;
  auto it = body.find("recipients");
  if (it == body.end() || !it->is_object()) {
    return Error::InvalidInput("field 'recipients' is required: an object");
  }
  auto all = OptBool(*it, "all");
  if (!all.ok()) return all.error();
  to.all = all->value_or(false);
  auto contacts = OptIntArray(*it, "contacts");
  if (!contacts.ok()) return contacts.error();
  for (auto id : *contacts) to.contacts.emplace_back(id);
  auto groups = OptIntArray(*it, "groups");
  if (!groups.ok()) return groups.error();
  for (auto id : *groups) to.groups.emplace_back(id);
  auto streets = OptStringArray(*it, "streets");
  if (!streets.ok()) return streets.error();
  to.streets = *streets;
  auto phones = OptStringArray(*it, "phones");
  if (!phones.ok()) return phones.error();
  to.phones = *phones;
  return to;
}

}  // namespace

void Api::AddSessionRoutes() {
  router_.Add("GET", "/api/v1/setup", [this](const HttpRequest&, const PathParams&) {
    auto required = app_.sessions().SetupRequired();
    if (!required.ok()) return ErrorResponse(required.error());
    return JsonResponse(200, {{"required", *required}});
  });

  router_.Add("POST", "/api/v1/setup", [this](const HttpRequest& req, const PathParams&) {
    auto body = ParseObject(req.body);
    if (!body.ok()) return ErrorResponse(body.error());
    app::SetupRequest setup;
    struct Field {
      const char* name;
      std::string* target;
      bool required;
    };
    for (const Field& f :
         {Field{"organization_name", &setup.organization_name, true},
          Field{"central_number", &setup.central_number, false},
          Field{"username", &setup.username, true}, Field{"password", &setup.password, true}}) {
      auto v = OptString(*body, f.name);
      if (!v.ok()) return ErrorResponse(v.error());
      if (!v->has_value() && f.required) {
        return ErrorResponse(
            Error::InvalidInput(std::string("field '") + f.name + "' is required"));
      }
      *f.target = v->value_or("");
    }
    auto session = app_.sessions().Setup(setup);
    if (!session.ok()) return ErrorResponse(session.error());
    return SignedInResponse(app_, req, 201, *session);
  });

  router_.Add("POST", "/api/v1/session", [this](const HttpRequest& req, const PathParams&) {
    auto body = ParseObject(req.body);
    if (!body.ok()) return ErrorResponse(body.error());
    auto username = ReqString(*body, "username");
    if (!username.ok()) return ErrorResponse(username.error());
    auto password = ReqString(*body, "password");
    if (!password.ok()) return ErrorResponse(password.error());
    auto session = app_.sessions().Login(*username, *password, req.remote_address);
    if (!session.ok()) return ErrorResponse(session.error());
    return SignedInResponse(app_, req, 200, *session);
  });

  router_.Add("GET", "/api/v1/session", [this](const HttpRequest& req, const PathParams&) {
    auto session = app_.sessions().Resume(CookieFrom(req, kSessionCookie));
    if (!session.ok()) return ErrorResponse(session.error());
    return JsonResponse(200, SessionJson(app_, *session));
  });

  router_.Add("DELETE", "/api/v1/session", [this](const HttpRequest& req, const PathParams&) {
    const std::string id = CookieFrom(req, kSessionCookie);
    if (auto session = app_.sessions().Resume(id); session.ok()) {
      if (!SecretsEqual(req.Header("x-csrf-token"), session->csrf_token)) {
        return JsonResponse(
            403,
            {{"error", {{"code", "csrf"}, {"message", "missing or wrong X-CSRF-Token header"}}}});
      }
      if (auto out = app_.sessions().Logout(id); !out.ok()) return ErrorResponse(out.error());
    }
    HttpResponse r = JsonResponse(200, {{"signed_out", true}});
    r.headers.emplace_back("Set-Cookie", ClearedSessionCookie(req));
    return r;
  });

  router_.Add("POST", "/api/v1/session/password",
              [this](const HttpRequest& req, const PathParams&) {
                HttpResponse refusal;
                auto caller = Authenticate(req, &refusal);
                if (!caller) return refusal;
                auto body = ParseObject(req.body);
                if (!body.ok()) return ErrorResponse(body.error());
                auto current = ReqString(*body, "current_password");
                if (!current.ok()) return ErrorResponse(current.error());
                auto next = ReqString(*body, "new_password");
                if (!next.ok()) return ErrorResponse(next.error());
                auto session = app_.sessions().ChangePassword(caller->actor, *current, *next);
                if (!session.ok()) return ErrorResponse(session.error());
                if (!caller->by_cookie) return JsonResponse(200, {{"changed", true}});
                // Every session of the user ended; this browser continues in a new one.
                return SignedInResponse(app_, req, 200, *session);
              });
}

void Api::AddEventRoutes() {
  router_.Add("GET", "/api/v1/events", [this](const HttpRequest& req, const PathParams&) {
    return AuthedRaw(req, [&](const app::Actor& actor) -> Result<HttpResponse> {
      SMSINFO_TRY(app::Require(actor, app::Permission::kRead));
      HttpResponse r;
      r.content_type = "text/event-stream; charset=utf-8";
      r.headers.emplace_back("Cache-Control", "no-store");
      r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
      r.body = "retry: 3000\n: connected\n\n";
      r.stream = std::make_shared<SseStream>(app_.events().Subscribe(actor.org));
      return r;
    });
  });
}

void Api::AddOfficeRoutes() {
  router_.Add("GET", "/api/v1/overview", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto o = app_.office().GetOverview(actor);
      if (!o.ok()) return o.error();
      const auto gw = app_.gateway().Status();
      return Json{{"month",
                   {{"start", FormatIso8601(o->month_start)},
                    {"messages", o->month.messages},
                    {"recipients", o->month.recipients},
                    {"delivered", o->month.delivered},
                    {"delivery_rate", o->delivery_rate},
                    {"segments", o->month.segments},
                    {"cost_milli", o->cost_milli}}},
                  {"registrations_pending", o->registrations_pending},
                  {"replies_unread", o->replies_unread},
                  {"gateway", {{"name", gw.name}, {"type", gw.type}, {"connected", gw.connected}}}};
    });
  });

  router_.Add("POST", "/api/v1/recipients/preview",
              [this](const HttpRequest& req, const PathParams&) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto body = ParseObject(req.body);
                  if (!body.ok()) return body.error();
                  auto to = PreviewSelectionFrom(*body);
                  if (!to.ok()) return to.error();
                  auto preview = app_.office().PreviewRecipients(actor, std::move(*to));
                  if (!preview.ok()) return preview.error();
                  return Json{{"recipients", preview->recipients},
                              {"invalid_phones", preview->invalid_phones}};
                });
              });

  router_.Add("GET", "/api/v1/registrations/{id}/residents",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto found = app_.office().ResidentsOf(actor, RegistrationId(*id));
                  if (!found.ok()) return found.error();
                  Json candidates = Json::array();
                  for (const auto& r : found->candidates) candidates.push_back(ToJson(r));
                  return Json{
                      {"resident", found->resident ? ToJson(*found->resident) : Json(nullptr)},
                      {"candidates", candidates}};
                });
              });

  router_.Add("POST", "/api/v1/inbound/{id}/reply",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto body = ParseObject(req.body);
                  if (!body.ok()) return body.error();
                  auto text = ReqString(*body, "text");
                  if (!text.ok()) return text.error();
                  auto sent = app_.office().Reply(actor, InboundId(*id), *text);
                  if (!sent.ok()) return sent.error();
                  return SendJson(*sent);
                });
              });

  router_.Add("GET", "/api/v1/privacy/export", [this](const HttpRequest& req, const PathParams&) {
    return AuthedRaw(req, [&](const app::Actor& actor) -> Result<HttpResponse> {
      auto record = app_.office().ExportPhone(actor, req.Query("phone"));
      if (!record.ok()) return record.error();
      Json groups = Json::array();
      for (const auto& g : record->groups) groups.push_back(ToJson(g));
      Json registrations = Json::array();
      for (const auto& r : record->registrations) registrations.push_back(ToJson(r));
      Json inbound = Json::array();
      for (const auto& s : record->inbound) inbound.push_back(ToJson(s));
      Json deliveries = Json::array();
      for (const auto& d : record->deliveries) {
        Json j = ToJson(d.delivery);
        j["message_text"] = d.message_text;
        j["message_created_at"] = FormatIso8601(d.message_created_at);
        deliveries.push_back(std::move(j));
      }
      HttpResponse r = JsonResponse(
          200, {{"phone", record->phone},
                {"exported_at", FormatIso8601(app_.clock().Now())},
                {"contact", record->contact ? ToJson(*record->contact) : Json(nullptr)},
                {"groups", groups},
                {"registrations", registrations},
                {"inbound", inbound},
                {"deliveries", deliveries}});
      if (req.Query("download") == "true") {
        r.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"smsinfo-export.json\"");
      }
      return r;
    });
  });

  router_.Add("POST", "/api/v1/privacy/erase", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto phone = ReqString(*body, "phone");
      if (!phone.ok()) return phone.error();
      auto touched = app_.office().ErasePhone(actor, *phone);
      if (!touched.ok()) return touched.error();
      return Json{{"erased", true}, {"rows", *touched}};
    });
  });

  router_.Add("GET", "/api/v1/templates", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto list = app_.office().ListTemplates(actor);
      if (!list.ok()) return list.error();
      Json items = Json::array();
      for (const auto& t : *list) items.push_back(TemplateJson(t));
      return Json{{"items", items}, {"total", items.size()}};
    });
  });

  router_.Add("POST", "/api/v1/templates", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto name = ReqString(*body, "name");
      if (!name.ok()) return name.error();
      auto text = ReqString(*body, "text");
      if (!text.ok()) return text.error();
      auto t = app_.office().CreateTemplate(actor, *name, *text);
      if (!t.ok()) return t.error();
      return TemplateJson(*t);
    });
  });

  router_.Add("DELETE", "/api/v1/templates/{id}",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  SMSINFO_TRY(app_.office().DeleteTemplate(actor, *id));
                  return Json{{"deleted", *id}};
                });
              });

  router_.Add("POST", "/api/v1/contacts/import", [this](const HttpRequest& req, const PathParams&) {
    return AuthedRaw(req, [&](const app::Actor& actor) -> Result<HttpResponse> {
      auto dry_run = BoolQuery(req, "dry_run");
      if (!dry_run.ok()) return dry_run.error();
      auto report = app_.office().ImportContacts(actor, req.body, *dry_run);
      if (!report.ok()) return report.error();
      Json errors = Json::array();
      for (const auto& e : report->errors) {
        errors.push_back({{"line", e.line}, {"message", e.message}});
      }
      Json body{{"rows", report->rows}, {"created", report->created}, {"updated", report->updated},
                {"errors", errors},     {"dry_run", *dry_run},        {"written", report->written}};
      return JsonResponse(200, body);  // bad rows are in `errors`; nothing was written
    });
  });

  router_.Add("GET", "/api/v1/contacts/export", [this](const HttpRequest& req, const PathParams&) {
    return AuthedRaw(req, [&](const app::Actor& actor) -> Result<HttpResponse> {
      auto csv = app_.office().ExportContactsCsv(actor);
      if (!csv.ok()) return csv.error();
      HttpResponse r;
      r.content_type = "text/csv; charset=utf-8";
      r.body = std::move(*csv);
      r.headers.emplace_back("Content-Disposition", "attachment; filename=\"kontakty.csv\"");
      return r;
    });
  });
}

}  // namespace smsinfo::web
