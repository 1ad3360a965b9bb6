// Routes: /api/v1/contacts, /api/v1/groups, /api/v1/streets.
#include "web/api.hpp"

namespace smsinfo::web {
namespace {

// Applies the fields present in `body` to `c`; absent fields keep their value (PATCH semantics,
// and for POST the defaults of a new contact).
Result<void> ApplyContactFields(const Json& body, domain::Contact* c) {
  struct Field {
    const char* name;
    std::string* target;
  };
  const Field fields[] = {{"phone", &c->phone},
                          {"surname", &c->surname},
                          {"first_name", &c->first_name},
                          {"street", &c->street},
                          {"house_number", &c->house_number},
                          {"orientation_number", &c->orientation_number},
                          {"company", &c->company}};
  for (const Field& f : fields) {
    auto v = OptString(body, f.name);
    if (!v.ok()) return v.error();
    if (v->has_value()) *f.target = **v;
  }
  auto status = OptString(body, "status");
  if (!status.ok()) return status.error();
  if (status->has_value()) {
    auto s = domain::ParseContactStatus(**status);
    if (!s) return Error::InvalidInput("status must be active or inactive");
    c->status = *s;
  }
  if (body.contains("groups")) {
    auto groups = OptIntArray(body, "groups");
    if (!groups.ok()) return groups.error();
    c->groups.clear();
    for (auto id : *groups) c->groups.emplace_back(id);
  }
  return Ok();
}

Result<std::vector<ContactId>> ContactIdsFrom(const std::string& raw) {
  auto body = ParseObject(raw);
  if (!body.ok()) return body.error();
  if (!body->contains("contacts")) return Error::InvalidInput("field 'contacts' is required");
  auto ids = OptIntArray(*body, "contacts");
  if (!ids.ok()) return ids.error();
  std::vector<ContactId> out;
  for (auto id : *ids) out.emplace_back(id);
  return out;
}

}  // namespace

void Api::AddDirectoryRoutes() {
  router_.Add("GET", "/api/v1/contacts", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto page = PageFrom(req);
      if (!page.ok()) return page.error();
      storage::ContactFilter f;
      f.phone = req.Query("phone");
      f.q = req.Query("q");
      f.street = req.Query("street");
      if (const std::string g = req.Query("group"); !g.empty()) {
        auto id = IdFrom({{"group", g}}, "group");
        if (!id.ok()) return Error::InvalidInput("group must be a group id");
        f.group = GroupId(*id);
      }
      if (const std::string s = req.Query("status"); !s.empty()) {
        f.status = domain::ParseContactStatus(s);
        if (!f.status) return Error::InvalidInput("status must be active or inactive");
      }
      auto list = app_.directory().ListContacts(actor, f, *page);
      if (!list.ok()) return list.error();
      return PageJson(*list);
    });
  });

  router_.Add("POST", "/api/v1/contacts", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      if (!body->contains("phone")) return Error::InvalidInput("field 'phone' is required");
      domain::Contact c;
      SMSINFO_TRY(ApplyContactFields(*body, &c));
      auto created = app_.directory().CreateContact(actor, c);
      if (!created.ok()) return created.error();
      return ToJson(*created);
    });
  });

  router_.Add("GET", "/api/v1/contacts/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto c = app_.directory().GetContact(actor, ContactId(*id));
      if (!c.ok()) return c.error();
      return ToJson(*c);
    });
  });

  router_.Add("PATCH", "/api/v1/contacts/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto c = app_.directory().GetContact(actor, ContactId(*id));
      if (!c.ok()) return c.error();
      SMSINFO_TRY(ApplyContactFields(*body, &*c));
      auto updated = app_.directory().UpdateContact(actor, *c);
      if (!updated.ok()) return updated.error();
      return ToJson(*updated);
    });
  });

  router_.Add("DELETE", "/api/v1/contacts/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      SMSINFO_TRY(app_.directory().DeleteContact(actor, ContactId(*id)));
      return Json{{"deleted", *id}};
    });
  });

  router_.Add("GET", "/api/v1/streets", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto streets = app_.directory().Streets(actor);
      if (!streets.ok()) return streets.error();
      Json items = Json::array();
      for (const auto& [name, count] : *streets) items.push_back({{"street", name}, {"contacts", count}});
      return Json{{"items", items}, {"total", items.size()}};
    });
  });

  router_.Add("GET", "/api/v1/groups", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto groups = app_.directory().ListGroups(actor);
      if (!groups.ok()) return groups.error();
      Json items = Json::array();
      for (const auto& g : *groups) items.push_back(ToJson(g));
      return Json{{"items", items}, {"total", items.size()}};
    });
  });

  router_.Add("POST", "/api/v1/groups", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 201, [&](const app::Actor& actor) -> Result<Json> {
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      domain::Group g;
      auto name = ReqString(*body, "name");
      if (!name.ok()) return name.error();
      g.name = *name;
      auto description = OptString(*body, "description");
      if (!description.ok()) return description.error();
      g.description = description->value_or("");
      auto created = app_.directory().CreateGroup(actor, g);
      if (!created.ok()) return created.error();
      return ToJson(*created);
    });
  });

  router_.Add("GET", "/api/v1/groups/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto g = app_.directory().GetGroup(actor, GroupId(*id));
      if (!g.ok()) return g.error();
      return ToJson(*g);
    });
  });

  router_.Add("PATCH", "/api/v1/groups/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto body = ParseObject(req.body);
      if (!body.ok()) return body.error();
      auto g = app_.directory().GetGroup(actor, GroupId(*id));
      if (!g.ok()) return g.error();
      auto name = OptString(*body, "name");
      if (!name.ok()) return name.error();
      if (name->has_value()) g->name = **name;
      auto description = OptString(*body, "description");
      if (!description.ok()) return description.error();
      if (description->has_value()) g->description = **description;
      auto updated = app_.directory().UpdateGroup(actor, *g);
      if (!updated.ok()) return updated.error();
      return ToJson(*updated);
    });
  });

  router_.Add("DELETE", "/api/v1/groups/{id}", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      SMSINFO_TRY(app_.directory().DeleteGroup(actor, GroupId(*id)));
      return Json{{"deleted", *id}};
    });
  });

  router_.Add("POST", "/api/v1/groups/{id}/members", [this](const HttpRequest& req, const PathParams& p) {
    return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
      auto id = IdFrom(p);
      if (!id.ok()) return id.error();
      auto ids = ContactIdsFrom(req.body);
      if (!ids.ok()) return ids.error();
      SMSINFO_TRY(app_.directory().AddMembers(actor, GroupId(*id), *ids));
      auto g = app_.directory().GetGroup(actor, GroupId(*id));
      if (!g.ok()) return g.error();
      return ToJson(*g);
    });
  });

  router_.Add("DELETE", "/api/v1/groups/{id}/members",
              [this](const HttpRequest& req, const PathParams& p) {
                return Authed(req, 200, [&](const app::Actor& actor) -> Result<Json> {
                  auto id = IdFrom(p);
                  if (!id.ok()) return id.error();
                  auto ids = ContactIdsFrom(req.body);
                  if (!ids.ok()) return ids.error();
                  SMSINFO_TRY(app_.directory().RemoveMembers(actor, GroupId(*id), *ids));
                  auto g = app_.directory().GetGroup(actor, GroupId(*id));
                  if (!g.ok()) return g.error();
                  return ToJson(*g);
                });
              });
}

}  // namespace smsinfo::web
