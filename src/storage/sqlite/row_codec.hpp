// Small helpers shared by the SQLite stores: binding ids, times and optionals, reading them
// back, and the text forms of enums the domain has no parser for. Thread safety: pure functions.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "domain/message.hpp"
#include "storage/store.hpp"

namespace smsinfo::storage::sqlite {

template <class Tag>
void BindId(SQLite::Statement& st, int index, Id<Tag> id) {
  st.bind(index, static_cast<int64_t>(id.value));
}
template <class Tag>
void BindId(SQLite::Statement& st, int index, const std::optional<Id<Tag>>& id) {
  if (id) {
    st.bind(index, static_cast<int64_t>(id->value));
  } else {
    st.bind(index);
  }
}
inline void BindTime(SQLite::Statement& st, int index, TimePoint t) {
  st.bind(index, static_cast<int64_t>(ToUnixMillis(t)));
}
inline void BindTime(SQLite::Statement& st, int index, const std::optional<TimePoint>& t) {
  if (t) {
    BindTime(st, index, *t);
  } else {
    st.bind(index);
  }
}

inline TimePoint TimeAt(const SQLite::Column& c) { return FromUnixMillis(c.getInt64()); }
inline std::optional<TimePoint> OptTimeAt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return FromUnixMillis(c.getInt64());
}
template <class IdT>
IdT IdAt(const SQLite::Column& c) {
  return IdT(c.getInt64());
}
template <class IdT>
std::optional<IdT> OptIdAt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return IdT(c.getInt64());
}

// An enum read back from a column; `fallback` if the text is unknown (a newer writer).
template <class E>
E EnumOr(std::optional<E> parsed, E fallback) {
  return parsed ? *parsed : fallback;
}
domain::Encoding ParseEncodingOr(std::string_view s, domain::Encoding fallback);
// Text of a part's or delivery's state reached through a receipt.
const char* ReceiptStateName(ReceiptState s);

// Candidates of a registration as a JSON array of ids, "[3,17]".
std::string IdsToJson(const std::vector<ResidentId>& ids);
std::vector<ResidentId> IdsFromJson(std::string_view json);
// Any ids as a JSON array, for `IN (SELECT value FROM json_each(?))`.
template <class Tag>
std::string IdListJson(const std::vector<Id<Tag>>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i].value);
  }
  out += ']';
  return out;
}

// Clamps a page to the documented 1..1000 rows and a non-negative offset.
inline Page ClampPage(Page page) {
  if (page.limit < 1) page.limit = 1;
  if (page.limit > 1000) page.limit = 1000;
  if (page.offset < 0) page.offset = 0;
  return page;
}

}  // namespace smsinfo::storage::sqlite
