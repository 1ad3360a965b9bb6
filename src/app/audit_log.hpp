// Writes who did what into the audit log. Thread-safe (the store is).
#pragma once

#include <string>

#include "app/actor.hpp"
#include "base/clock.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

class AuditLog {
 public:
  AuditLog(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Appends one entry. Call inside the transaction of the change it records, so that both or
  // neither are stored.
  Result<void> Record(const Actor& actor, std::string action, std::string object,
                      std::string detail = {}) const {
    domain::AuditEntry e;
    e.org_id = actor.org;
    e.user_id = actor.user;
    e.actor = actor.name;
    e.action = std::move(action);
    e.object = std::move(object);
    e.detail = std::move(detail);
    e.at = clock_.Now();
    return store_.audit().Append(e);
  }

 private:
  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace smsinfo::app
