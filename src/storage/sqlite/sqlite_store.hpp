// Entry point of the SQLite store: one database file in WAL mode behind every interface of
// storage/store.hpp. Thread safety: the returned Store may be used from any thread; calls are
// serialized on one connection.
#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "storage/store.hpp"

namespace smsinfo::storage::sqlite {

// Opens (creating if needed) the database file and applies pending migrations. ":memory:"
// gives a private in-memory database (for tests).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace smsinfo::storage::sqlite
