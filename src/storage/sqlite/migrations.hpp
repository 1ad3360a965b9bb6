// Versioned schema migrations of the SQLite store. Each migration runs in its own transaction
// and records its number in `schema_version`, so applying them again is harmless.
// Thread safety: as Db.
#pragma once

#include "base/result.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace smsinfo::storage::sqlite {

// The version a fully migrated database has.
int LatestSchemaVersion();

// Applies every migration newer than the database's version; returns how many ran.
Result<int> Migrate(Db& db);

// The database's current version (0 for an empty database).
Result<int> SchemaVersion(Db& db);

}  // namespace smsinfo::storage::sqlite
