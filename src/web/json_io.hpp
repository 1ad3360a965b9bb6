// JSON forms of the domain values as the REST API shows them (field names are part of the API:
// see docs/openapi.json), and checked reading of request bodies. Thread-safe, pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/audit_entry.hpp"
#include "domain/contact.hpp"
#include "domain/inbound_sms.hpp"
#include "domain/message.hpp"
#include "domain/organization.hpp"
#include "domain/registration.hpp"
#include "domain/resident.hpp"
#include "domain/user.hpp"
#include "storage/store.hpp"

namespace smsinfo::web {

using Json = nlohmann::json;

Json ToJson(const domain::Contact& c);
Json ToJson(const domain::Group& g);
Json ToJson(const domain::Resident& r);
Json ToJson(const domain::Registration& r);
Json ToJson(const domain::Message& m);
Json ToJson(const domain::Delivery& d);
Json ToJson(const domain::InboundSms& s);
Json ToJson(const storage::InboundThread& t);
Json ToJson(const domain::AuditEntry& e);
Json ToJson(const domain::User& u);
Json ToJson(const domain::ApiToken& t);
Json ToJson(const domain::Organization& o);
Json TimeJson(const std::optional<TimePoint>& t);

// Parses a request body that must be a JSON object.
Result<Json> ParseObject(const std::string& body);

// Typed field readers: an absent (or null) field gives nullopt; a field of the wrong type is a
// kInvalidInput naming the field.
Result<std::optional<std::string>> OptString(const Json& obj, const char* field);
Result<std::string> ReqString(const Json& obj, const char* field);
Result<std::optional<bool>> OptBool(const Json& obj, const char* field);
Result<std::optional<std::int64_t>> OptInt(const Json& obj, const char* field);
Result<std::vector<std::int64_t>> OptIntArray(const Json& obj, const char* field);
Result<std::vector<std::string>> OptStringArray(const Json& obj, const char* field);
Result<std::optional<TimePoint>> OptTime(const Json& obj, const char* field);

}  // namespace smsinfo::web
