// Routes: /api/v1/messages and /api/v1/text/analyze.
#include "domain/phone_number.hpp"
#include "web/api.hpp"

namespace smsinfo::web {
namespace {

Result<storage::RecipientSelection> RecipientsFrom(const Json& body) {
  storage::RecipientSelection to;
  auto it = body.find("recipients");
  if (it == body.end() || !it->is_object()) {
    return Error::InvalidInput(
        "field 'recipients' is required: an object with all, contacts, groups, streets or phones");
  }
  const Json& r = *it;
  auto all = OptBool(r, "all");
  if (!all.ok()) return all.error();
  to.all = all->value_or(false);
  auto contacts = OptIntArray(r, "contacts");
  if (!contacts.ok()) return contacts.error();
  for (auto id : *contacts) to.contacts.emplace_back(id);
  auto groups = OptIntArray(r, "groups");
  if (!groups.ok()) return groups.error();
  for (auto id : *groups) to.groups.emplace_back(id);
  auto streets = OptStringArray(r, "streets");
  if (!streets.ok()) return streets.error();
  to.streets = *streets;
  auto phones = OptStringArray(r, "phones");
  if (!phones.ok()) return phones.error();
  to.phones = *phones;
  if (!to.all && to.contacts.empty() && to.groups.empty() && to.streets.empty() &&
      to.phones.empty()) {
    return Error::InvalidInput("no recipients: give all, contacts, groups, streets or phones");
  }
  return to;
}

}  // namespace

void Api::AddMessageRoutes() {
  router_.Add("POST", "/api/v1/messages", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      app::SendRequest send;
      auto text = ReqString(*body, "text");
      if (!text.ok()) return text.error();
      send.text = *text;
      auto to = RecipientsFrom(*body);
      if (!to.ok()) return to.error();
      send.recipients = std::move(*to);
      auto send_at = OptTime(*body, "send_at");
      if (!send_at.ok()) return send_at.error();
      send.send_at = *send_at;
      auto urgent = OptBool(*body, "urgent");
      if (!urgent.ok()) return urgent.error();
      send.urgent = urgent->value_or(false);
      auto translit = OptBool(*body, "transliterate");
      if (!translit.ok()) return translit.error();
      send.transliterate = *translit;
      auto sent = app_.messages().Send(actor, send);
      if (!sent.ok()) return sent.error();
      return Json{{"id", sent->message.id.value},
                  {"recipients", sent->recipients},
                  {"encoding", domain::ToString(sent->message.encoding)},
                  {"segments", sent->message.segments},
                  {"total_segments", sent->total_segments},
                  {"cost_milli", sent->cost_milli},
                  {"text", sent->message.text},
                  {"send_at", FormatIso8601(sent->message.send_at)}};
    });
  });

  router_.Add("GET", "/api/v1/messages", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      storage::MessageFilter filter;
      filter.q = req.Query("q");
      if (const std::string phone = req.Query("phone"); !phone.empty()) {
        auto parsed = domain::PhoneNumber::Parse(phone);
        if (!parsed.ok()) return parsed.error();
        filter.phone = parsed->e164();
      }
      if (const std::string kind = req.Query("kind"); !kind.empty()) {
        filter.kind = domain::ParseMessageKind(kind);
        if (!filter.kind) return Error::InvalidInput("kind must be bulk, reply or confirmation");
      }
      auto list = app_.messages().List(actor, filter, *page);
      if (!list.ok()) return list.error();
      return PageJson(*list);
    });
  });

  router_.Add("GET", "/api/v1/messages/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto m = app_.messages().Get(actor, MessageId(*id));
      if (!m.ok()) return m.error();
      return ToJson(*m);
    });
  });

  router_.Add("GET", "/api/v1/messages/{id}/deliveries",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto page = PageFrom(req);
                  if (!page.ok()) return page.error();
                  storage::DeliveryFilter filter;
                  filter.phone = req.Query("phone");
                  if (auto parsed = domain::PhoneNumber::Parse(filter.phone); parsed.ok()) {
                    filter.phone = parsed->e164();  // as people write it: "601 000 001"
                  }
                  if (const std::string state = req.Query("state"); !state.empty()) {
                    filter.state = domain::ParseDeliveryState(state);
                    if (!filter.state) return Error::InvalidInput("unknown state: " + state);
                  }
                  auto list = app_.messages().Deliveries(actor, MessageId(*id), filter, *page);
                  if (!list.ok()) return list.error();
                  return PageJson(*list);
                });
              });

  router_.Add("POST", "/api/v1/messages/{id}/cancel",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto n = app_.messages().Cancel(actor, MessageId(*id));
                  if (!n.ok()) return n.error();
                  return Json{{"cancelled", *n}};
                });
              });

  router_.Add("POST", "/api/v1/messages/{id}/retry",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto n = app_.messages().RetryFailed(actor, MessageId(*id));
                  if (!n.ok()) return n.error();
                  return Json{{"retried", *n}};
                });
              });

  router_.Add("POST", "/api/v1/text/analyze", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto text = ReqString(*body, "text");
      if (!text.ok()) return text.error();
      auto translit = OptBool(*body, "transliterate");
      if (!translit.ok()) return translit.error();
      auto a = app_.messages().Analyze(actor, *text, *translit);
      if (!a.ok()) return a.error();
      return Json{{"text", a->text},
                  {"encoding", domain::ToString(a->encoding)},
                  {"characters", a->characters},
                  {"units", a->units},
                  {"segments", a->segments},
                  {"parts", a->parts}};
    });
  });
}

}  // namespace smsinfo::web
