#include "web/json_io.hpp"

namespace smsinfo::web {
namespace {

Error WrongType(const char* field, const char* expected) {
  return Error::InvalidInput(std::string("field '") + field + "' must be " + expected);
}

}  // namespace

Json TimeJson(const std::optional<TimePoint>& t) {
  return t ? Json(FormatIso8601(*t)) : Json(nullptr);
}

Json ToJson(const domain::Contact& c) {
  Json groups = Json::array();
  for (GroupId g : c.groups) groups.push_back(g.value);
  return {{"id", c.id.value},
          {"phone", c.phone},
          {"surname", c.surname},
          {"first_name", c.first_name},
          {"street", c.street},
          {"house_number", c.house_number},
          {"orientation_number", c.orientation_number},
          {"company", c.company},
          {"status", domain::ToString(c.status)},
          {"source", domain::ToString(c.source)},
          {"groups", groups},
          {"created_at", FormatIso8601(c.created_at)},
          {"updated_at", FormatIso8601(c.updated_at)}};
}

Json ToJson(const domain::Group& g) {
  return {{"id", g.id.value},
          {"name", g.name},
          {"description", g.description},
          {"member_count", g.member_count}};
}

Json ToJson(const domain::Resident& r) {
  return {{"id", r.id.value},
          {"surname", r.surname},
          {"first_name", r.first_name},
          {"street", r.street},
          {"house_number", r.house_number},
          {"orientation_number", r.orientation_number},
          {"municipality", r.municipality},
          {"zip", r.zip},
          {"birth_year", r.birth_year > 0 ? Json(r.birth_year) : Json(nullptr)}};
}

Json ToJson(const domain::Registration& r) {
  Json candidates = Json::array();
  for (ResidentId id : r.candidates) candidates.push_back(id.value);
  return {{"id", r.id.value},
          {"phone", r.phone},
          {"surname", r.surname},
          {"first_name", r.first_name},
          {"street", r.street},
          {"house_number", r.house_number},
          {"orientation_number", r.orientation_number},
          {"company", r.company},
          {"status", domain::ToString(r.status)},
          {"match", domain::ToString(r.match)},
          {"resident_id", r.resident_id ? Json(r.resident_id->value) : Json(nullptr)},
          {"candidates", candidates},
          {"inbound_id", r.inbound_id ? Json(r.inbound_id->value) : Json(nullptr)},
          {"created_at", FormatIso8601(r.created_at)},
          {"decided_at", TimeJson(r.decided_at)},
          {"decided_by", r.decided_by ? Json(r.decided_by->value) : Json(nullptr)}};
}

Json ToJson(const domain::Message& m) {
  Json counts = Json::object();
  for (const auto& [state, n] : m.counts) counts[domain::ToString(state)] = n;
  return {{"id", m.id.value},
          {"kind", domain::ToString(m.kind)},
          {"body", m.body},
          {"text", m.text},
          {"encoding", domain::ToString(m.encoding)},
          {"segments", m.segments},
          {"urgent", m.urgent},
          {"transliterate", m.transliterate},
          {"send_at", FormatIso8601(m.send_at)},
          {"expires_at", FormatIso8601(m.expires_at)},
          {"created_at", FormatIso8601(m.created_at)},
          {"created_by", m.created_by ? Json(m.created_by->value) : Json(nullptr)},
          {"in_reply_to", m.in_reply_to ? Json(m.in_reply_to->value) : Json(nullptr)},
          {"recipients", m.recipients},
          {"total_segments", m.recipients * m.segments},
          {"counts", counts}};
}

Json ToJson(const domain::Delivery& d) {
  return {{"id", d.id.value},
          {"message_id", d.message_id.value},
          {"phone", d.phone},
          {"contact_id", d.contact_id ? Json(d.contact_id->value) : Json(nullptr)},
          {"state", domain::ToString(d.state)},
          {"attempts", d.attempts},
          {"parts_total", d.parts_total},
          {"parts_delivered", d.parts_delivered},
          {"error", d.error},
          {"updated_at", FormatIso8601(d.updated_at)}};
}

Json ToJson(const domain::InboundSms& s) {
  return {{"id", s.id.value},
          {"from", s.from},
          {"to", s.to},
          {"text", s.text},
          {"received_at", FormatIso8601(s.received_at)},
          {"kind", domain::ToString(s.kind)},
          {"contact_id", s.contact_id ? Json(s.contact_id->value) : Json(nullptr)},
          {"in_reply_to", s.in_reply_to ? Json(s.in_reply_to->value) : Json(nullptr)},
          {"gateway", s.gateway},
          {"read", s.read}};
}

Json ToJson(const storage::InboundThread& t) {
  return {{"phone", t.phone},
          {"contact_id", t.contact_id ? Json(t.contact_id->value) : Json(nullptr)},
          {"contact_name", t.contact_id ? Json(t.contact_name) : Json(nullptr)},
          {"last", ToJson(t.last)},
          {"unread", t.unread},
          {"count", t.count}};
}

Json ToJson(const domain::AuditEntry& e) {
  return {
      {"id", e.id.value},         {"user_id", e.user_id ? Json(e.user_id->value) : Json(nullptr)},
      {"actor", e.actor},         {"action", e.action},
      {"object", e.object},       {"detail", e.detail},
      {"at", FormatIso8601(e.at)}};
}

Json ToJson(const domain::User& u) {
  return {{"id", u.id.value},
          {"username", u.username},
          {"role", domain::ToString(u.role)},
          {"active", u.active},
          {"created_at", FormatIso8601(u.created_at)}};
}

Json ToJson(const domain::ApiToken& t) {
  return {{"id", t.id.value},
          {"name", t.name},
          {"user_id", t.user_id.value},
          {"created_at", FormatIso8601(t.created_at)},
          {"last_used_at", TimeJson(t.last_used_at)}};
}

Json ToJson(const domain::Organization& o) {
  return {{"id", o.id.value},
          {"name", o.name},
          {"central_number", o.central_number},
          {"prefix", o.prefix},
          {"signature", o.signature},
          {"quiet_start_minute", o.quiet_start_minute},
          {"quiet_end_minute", o.quiet_end_minute},
          {"timezone", o.timezone},
          {"registration_policy", domain::ToString(o.registration_policy)},
          {"price_per_segment_milli", o.price_per_segment_milli},
          {"transliterate_by_default", o.transliterate_by_default},
          {"texts",
           {{"registration_received", o.texts.registration_received},
            {"registration_approved", o.texts.registration_approved},
            {"registration_rejected", o.texts.registration_rejected},
            {"unregistered", o.texts.unregistered},
            {"help", o.texts.help}}}};
}

Result<Json> ParseObject(const std::string& body) {
  if (body.empty())
    return Error::InvalidInput("the request body is empty; a JSON object is expected");
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error::InvalidInput("the request body is not valid JSON");
  if (!j.is_object()) return Error::InvalidInput("the request body must be a JSON object");
  return j;
}

Result<std::optional<std::string>> OptString(const Json& obj, const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return WrongType(field, "a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> ReqString(const Json& obj, const char* field) {
  auto v = OptString(obj, field);
  if (!v.ok()) return v.error();
  if (!v->has_value()) return Error::InvalidInput(std::string("field '") + field + "' is required");
  return **v;
}

Result<std::optional<bool>> OptBool(const Json& obj, const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return WrongType(field, "true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::int64_t>> OptInt(const Json& obj, const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer()) return WrongType(field, "an integer");
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

Result<std::vector<std::int64_t>> OptIntArray(const Json& obj, const char* field) {
  std::vector<std::int64_t> out;
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return WrongType(field, "an array of integers");
  for (const auto& v : *it) {
    if (!v.is_number_integer()) return WrongType(field, "an array of integers");
    out.push_back(v.get<std::int64_t>());
  }
  return out;
}

Result<std::vector<std::string>> OptStringArray(const Json& obj, const char* field) {
  std::vector<std::string> out;
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return WrongType(field, "an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string()) return WrongType(field, "an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<std::optional<TimePoint>> OptTime(const Json& obj, const char* field) {
  auto s = OptString(obj, field);
  if (!s.ok()) return s.error();
  if (!s->has_value()) return std::optional<TimePoint>();
  TimePoint t;
  if (!ParseIso8601(**s, &t)) {
    return Error::InvalidInput(
        std::string("field '") + field +
        "' must be an ISO 8601 time with a zone, e.g. 2026-12-01T08:00:00+01:00");
  }
  return std::optional<TimePoint>(t);
}

}  // namespace smsinfo::web
