// Routes: /api/v1/residents, /api/v1/registrations, /api/v1/inbound.
#include "web/api.hpp"

namespace smsinfo::web {
namespace {

void PublishRegistration(app::Application& app, const domain::Registration& r) {
  app::Event e;
  e.org = r.org_id;
  e.type = "registration";
  e.id = r.id.value;
  e.fields = {{"status", domain::ToString(r.status)}};
  app.events().Publish(e);
}

// ?kind= of the inbound lists; absent gives `fallback`.
Result<std::optional<domain::InboundKind>> KindFrom(const HttpRequest& req,
                                                    std::optional<domain::InboundKind> fallback) {
  const std::string k = req.Query("kind");
  if (k.empty()) return fallback;
  auto kind = domain::ParseInboundKind(k);
  if (!kind) {
    return Error::InvalidInput(
        "kind must be registration, unregistration, reply, invalid_command, throttled or "
        "pending");
  }
  return std::optional<domain::InboundKind>(*kind);
}

}  // namespace

void Api::AddRegisterRoutes() {
  router_.Add(
      "POST", "/api/v1/residents/import", [this](const HttpRequest& req, const PathParams&) {
        HttpResponse refusal;
        auto caller = Authenticate(req, &refusal);
        if (!caller) return refusal;
        auto report = app_.registers().ImportResidents(caller->actor, req.body);
        if (!report.ok()) return ErrorResponse(report.error());
        Json errors = Json::array();
        for (const auto& e : report->errors)
          errors.push_back({{"line", e.line}, {"message", e.message}});
        Json body{
            {"imported", report->imported}, {"errors", errors}, {"encoding", report->encoding}};
        if (!report->errors.empty()) {
          body["error"] = {{"code", "invalid_input"},
                           {"message", std::to_string(report->errors.size()) +
                                           " bad rows; nothing was imported"}};
          return JsonResponse(422, body);
        }
        return JsonResponse(200, body);
      });

  router_.Add("GET", "/api/v1/residents", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      auto list = app_.registers().ListResidents(actor, req.Query("q"), *page);
      if (!list.ok()) return list.error();
      Json out = PageJson(*list);
      auto last = app_.registers().LastImportedAt(actor);
      if (!last.ok()) return last.error();
      out["last_imported_at"] = TimeJson(*last);
      return out;
    });
  });

  router_.Add("GET", "/api/v1/registrations", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      storage::RegistrationFilter f;
      f.phone = req.Query("phone");
      if (const std::string s = req.Query("status"); !s.empty()) {
        f.status = domain::ParseRegistrationStatus(s);
        if (!f.status) return Error::InvalidInput("status must be pending, approved or rejected");
      }
      auto list = app_.registers().ListRegistrations(actor, f, *page);
      if (!list.ok()) return list.error();
      return PageJson(*list);
    });
  });

  router_.Add("GET", "/api/v1/registrations/{id}",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto r = app_.registers().GetRegistration(actor, RegistrationId(*id));
                  if (!r.ok()) return r.error();
                  return ToJson(*r);
                });
              });

  router_.Add("POST", "/api/v1/registrations/{id}/approve",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto r = app_.registers().Approve(actor, RegistrationId(*id));
                  if (!r.ok()) return r.error();
                  PublishRegistration(app_, *r);
                  return ToJson(*r);
                });
              });

  router_.Add("POST", "/api/v1/registrations/{id}/reject",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto r = app_.registers().Reject(actor, RegistrationId(*id));
                  if (!r.ok()) return r.error();
                  PublishRegistration(app_, *r);
                  return ToJson(*r);
                });
              });

  router_.Add("GET", "/api/v1/inbound", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      storage::InboundFilter f;
      // ?thread=PHONE: one citizen's SMS, for the threaded inbox (same as ?from=).
      f.from = req.Query("thread").empty() ? req.Query("from") : req.Query("thread");
      auto kind = KindFrom(req, std::nullopt);
      if (!kind.ok()) return kind.error();
      f.kind = *kind;
      auto list = app_.registers().ListInbound(actor, f, *page);
      if (!list.ok()) return list.error();
      return PageJson(*list);
    });
  });

  // The inbox: one row per citizen, replies only unless ?kind= says otherwise.
  router_.Add("GET", "/api/v1/inbound/threads", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      storage::InboundThreadFilter f;
      auto kind = KindFrom(req, domain::InboundKind::kReply);
      if (!kind.ok()) return kind.error();
      f.kind = *kind;
      auto unread = BoolQuery(req, "unread");
      if (!unread.ok()) return unread.error();
      f.unread_only = *unread;
      f.q = req.Query("q");
      if (f.q.size() > 200) return Error::InvalidInput("q is longer than 200 characters");
      auto list = app_.registers().ListThreads(actor, f, *page);
      if (!list.ok()) return list.error();
      return PageJson(*list);
    });
  });

  // Opening a thread: everything that number sent becomes read in one request.
  router_.Add("POST", "/api/v1/inbound/read", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto from = ReqString(*body, "from");
      if (!from.ok()) return from.error();
      auto marked = app_.registers().MarkThreadRead(actor, *from);
      if (!marked.ok()) return marked.error();
      return Json{{"marked", *marked}};
    });
  });

  router_.Add("POST", "/api/v1/inbound/{id}/read",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  SMSINFO_TRY(app_.registers().MarkInboundRead(actor, InboundId(*id), true));
                  return Json{{"id", *id}, {"read", true}};
                });
              });
}

}  // namespace smsinfo::web
