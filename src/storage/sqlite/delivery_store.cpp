// DeliveryStore: dispatch's hot path over `deliveries`, `delivery_parts` and
// `pending_receipts`. Every call is one transaction that runs cached statements in a loop;
// due work is found through the partial index `deliveries_due` (state = 'queued').
#include <string_view>
#include <unordered_map>

#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/stores.hpp"

namespace smsinfo::storage::sqlite {

Result<std::vector<ClaimedDelivery>> SqliteDeliveryStore::ClaimDue(
    TimePoint now, std::span<const OrgId> quiet_orgs, std::size_t limit) {
  std::string quiet = "[";
  for (std::size_t i = 0; i < quiet_orgs.size(); ++i) {
    if (i > 0) quiet += ',';
    quiet += std::to_string(quiet_orgs[i].value);
  }
  quiet += ']';
  return db_.Tx([&]() -> Result<std::vector<ClaimedDelivery>> {
    std::vector<ClaimedDelivery> claimed;
    claimed.reserve(limit);
    std::vector<ClaimedDelivery> candidates;
    while (claimed.size() < limit) {
      const std::size_t wanted = limit - claimed.size();
      candidates.clear();
      {
        auto select = db_.Prepare(
            "SELECT id, message_id, org_id, phone, attempts, priority, expires_at "
            "FROM deliveries WHERE state = 'queued' AND next_attempt_at <= ?1 AND send_at <= ?1 "
            "AND (priority >= ?2 OR org_id NOT IN (SELECT value FROM json_each(?3))) "
            "ORDER BY priority DESC, next_attempt_at, id LIMIT ?4");
        BindTime(*select, 1, now);
        select->bind(2, domain::kPrioritySystem);
        select->bindNoCopy(3, quiet);
        select->bind(4, static_cast<int64_t>(wanted));
        while (select->executeStep()) {
          ClaimedDelivery d;
          d.id = IdAt<DeliveryId>(select->getColumn(0));
          d.message_id = IdAt<MessageId>(select->getColumn(1));
          d.org_id = IdAt<OrgId>(select->getColumn(2));
          d.phone = select->getColumn(3).getString();
          d.attempts = select->getColumn(4).getInt();
          d.priority = select->getColumn(5).getInt();
          d.expires_at = TimeAt(select->getColumn(6));
          candidates.push_back(std::move(d));
        }
      }
      auto claim =
          db_.Prepare("UPDATE deliveries SET state = 'sending', updated_at = ?1 WHERE id = ?2");
      auto expire = db_.Prepare(
          "UPDATE deliveries SET state = 'expired', error = 'expired before it could be sent', "
          "updated_at = ?1 WHERE id = ?2");
      for (ClaimedDelivery& d : candidates) {
        SQLite::Statement& st = d.expires_at <= now ? *expire : *claim;
        st.tryReset();
        BindTime(st, 1, now);
        BindId(st, 2, d.id);
        st.exec();
        if (d.expires_at > now) claimed.push_back(std::move(d));
      }
      if (candidates.size() < wanted) break;
    }
    return claimed;
  });
}

bool SqliteDeliveryStore::ApplyReceipt(const std::string& gateway,
                                       const std::string& gateway_message_id,
                                       const std::string& state, const std::string& error,
                                       TimePoint now) {
  // Parts still waiting for their receipt. A plain SELECT then an UPDATE by key: UPDATE ...
  // RETURNING builds an ephemeral table per call, which costs more than the lookup itself.
  std::vector<std::pair<DeliveryId, int>> waiting;
  bool known = false;
  {
    auto find = db_.Prepare(
        "SELECT delivery_id, part_no, state FROM delivery_parts "
        "WHERE gateway = ? AND gateway_message_id = ?");
    find->bindNoCopy(1, gateway);
    find->bindNoCopy(2, gateway_message_id);
    while (find->executeStep()) {
      known = true;
      if (std::string_view(find->getColumn(2).getText()) == "submitted") {
        waiting.emplace_back(IdAt<DeliveryId>(find->getColumn(0)), find->getColumn(1).getInt());
      }
    }
  }
  // A repeated receipt (the part is already final) changes nothing; an unknown id waits.
  if (waiting.empty()) return known;
  std::vector<DeliveryId> deliveries;
  {
    auto part = db_.Prepare(
        "UPDATE delivery_parts SET state = ?1, error = ?2, updated_at = ?3 "
        "WHERE delivery_id = ?4 AND part_no = ?5");
    for (const auto& [delivery_id, part_no] : waiting) {
      part->tryReset();
      part->bindNoCopy(1, state);
      part->bindNoCopy(2, error);
      BindTime(*part, 3, now);
      BindId(*part, 4, delivery_id);
      part->bind(5, part_no);
      part->exec();
      deliveries.push_back(delivery_id);
    }
  }
  const bool delivered = state == ReceiptStateName(ReceiptState::kDelivered);
  for (DeliveryId id : deliveries) {
    if (delivered) {
      auto st = db_.Prepare(
          "UPDATE deliveries SET parts_delivered = parts_delivered + 1, state = CASE WHEN "
          "state = 'submitted' AND parts_delivered + 1 >= parts_total THEN 'delivered' ELSE "
          "state END, updated_at = ?1 WHERE id = ?2");
      BindTime(*st, 1, now);
      BindId(*st, 2, id);
      st->exec();
    } else {
      // The first final failure of any part decides the delivery.
      auto st = db_.Prepare(
          "UPDATE deliveries SET state = ?1, error = ?2, updated_at = ?3 "
          "WHERE id = ?4 AND state IN ('sending', 'submitted')");
      st->bindNoCopy(1, state);
      st->bindNoCopy(2, error);
      BindTime(*st, 3, now);
      BindId(*st, 4, id);
      st->exec();
    }
  }
  return true;
}

Result<void> SqliteDeliveryStore::RecordSubmitted(std::span<const SubmittedPart> parts,
                                                  TimePoint now) {
  return db_.Tx([&]() -> Result<void> {
    bool have_pending = false;
    {
      auto st = db_.Prepare("SELECT EXISTS (SELECT 1 FROM pending_receipts)");
      st->executeStep();
      have_pending = st->getColumn(0).getInt() != 0;
    }
    // Deliveries touched, in first-seen order, with the number of parts they have in total.
    std::vector<std::pair<DeliveryId, int>> touched;
    std::unordered_map<std::int64_t, std::size_t> index_of;
    {
      auto upsert = db_.Prepare(
          "INSERT INTO delivery_parts(delivery_id, part_no, org_id, gateway, gateway_message_id, "
          "state, error, updated_at) SELECT ?1, ?2, org_id, ?3, ?4, 'submitted', '', ?5 "
          "FROM deliveries WHERE id = ?1 ON CONFLICT(delivery_id, part_no) DO UPDATE SET "
          "gateway = excluded.gateway, gateway_message_id = excluded.gateway_message_id, "
          "state = 'submitted', error = '', updated_at = excluded.updated_at");
      for (const SubmittedPart& p : parts) {
        upsert->tryReset();
        BindId(*upsert, 1, p.delivery_id);
        upsert->bind(2, p.part_no);
        upsert->bindNoCopy(3, p.gateway);
        upsert->bindNoCopy(4, p.gateway_message_id);
        BindTime(*upsert, 5, now);
        upsert->exec();
        auto [it, inserted] = index_of.try_emplace(p.delivery_id.value, touched.size());
        if (inserted) {
          touched.emplace_back(p.delivery_id, p.parts_total);
        } else if (p.parts_total > touched[it->second].second) {
          touched[it->second].second = p.parts_total;
        }
      }
    }
    if (have_pending) {
      struct Pending {
        std::int64_t id;
        std::string state;
        std::string error;
      };
      for (const SubmittedPart& p : parts) {
        std::vector<Pending> found;
        {
          auto st = db_.Prepare(
              "SELECT id, state, error FROM pending_receipts "
              "WHERE gateway = ? AND gateway_message_id = ? ORDER BY id");
          st->bindNoCopy(1, p.gateway);
          st->bindNoCopy(2, p.gateway_message_id);
          while (st->executeStep()) {
            found.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(),
                             st->getColumn(2).getString()});
          }
        }
        for (const Pending& r : found) {
          ApplyReceipt(p.gateway, p.gateway_message_id, r.state, r.error, now);
          auto del = db_.Prepare("DELETE FROM pending_receipts WHERE id = ?");
          del->bind(1, static_cast<int64_t>(r.id));
          del->exec();
        }
      }
    }
    auto update = db_.Prepare(
        "UPDATE deliveries SET parts_total = ?2, state = CASE WHEN state = 'sending' AND "
        "(SELECT COUNT(*) FROM delivery_parts WHERE delivery_id = ?1) >= ?2 THEN (CASE WHEN "
        "parts_delivered >= ?2 THEN 'delivered' ELSE 'submitted' END) ELSE state END, "
        "updated_at = ?3 WHERE id = ?1");
    for (const auto& [id, parts_total] : touched) {
      update->tryReset();
      BindId(*update, 1, id);
      update->bind(2, parts_total);
      BindTime(*update, 3, now);
      update->exec();
    }
    return Ok();
  });
}

Result<void> SqliteDeliveryStore::RecordSubmitFailures(std::span<const SubmitFailure> failures,
                                                       TimePoint now) {
  return db_.Tx([&]() -> Result<void> {
    auto permanent = db_.Prepare(
        "UPDATE deliveries SET state = 'failed', error = ?1, attempts = attempts + 1, "
        "updated_at = ?2 WHERE id = ?3 AND state = 'sending'");
    auto temporary = db_.Prepare(
        "UPDATE deliveries SET state = CASE WHEN ?1 >= expires_at THEN 'expired' ELSE 'queued' "
        "END, next_attempt_at = ?1, attempts = attempts + 1, parts_delivered = 0, error = ?2, "
        "updated_at = ?3 WHERE id = ?4 AND state = 'sending'");
    // Parts submitted before the failure belong to the failed attempt; a retry sends them all.
    auto parts = db_.Prepare("DELETE FROM delivery_parts WHERE delivery_id = ?");
    for (const SubmitFailure& f : failures) {
      int changed = 0;
      if (f.permanent) {
        permanent->tryReset();
        permanent->bindNoCopy(1, f.reason);
        BindTime(*permanent, 2, now);
        BindId(*permanent, 3, f.delivery_id);
        changed = permanent->exec();
      } else {
        temporary->tryReset();
        BindTime(*temporary, 1, f.retry_at.value_or(now));
        temporary->bindNoCopy(2, f.reason);
        BindTime(*temporary, 3, now);
        BindId(*temporary, 4, f.delivery_id);
        changed = temporary->exec();
      }
      if (changed > 0 && !f.permanent) {
        parts->tryReset();
        BindId(*parts, 1, f.delivery_id);
        parts->exec();
      }
    }
    return Ok();
  });
}

Result<void> SqliteDeliveryStore::RecordReceipts(std::span<const Receipt> receipts, TimePoint now) {
  return db_.Tx([&]() -> Result<void> {
    for (const Receipt& r : receipts) {
      const std::string state = ReceiptStateName(r.state);
      if (ApplyReceipt(r.gateway, r.gateway_message_id, state, r.error, now)) continue;
      auto keep = db_.Prepare(
          "INSERT INTO pending_receipts(gateway, gateway_message_id, state, error, at, "
          "received_at) VALUES (?,?,?,?,?,?)");
      keep->bindNoCopy(1, r.gateway);
      keep->bindNoCopy(2, r.gateway_message_id);
      keep->bindNoCopy(3, state);
      keep->bindNoCopy(4, r.error);
      BindTime(*keep, 5, r.at);
      BindTime(*keep, 6, now);
      keep->exec();
    }
    return Ok();
  });
}

Result<std::int64_t> SqliteDeliveryStore::PruneUnmatchedReceipts(TimePoint before) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    auto st = db_.Prepare("DELETE FROM pending_receipts WHERE received_at < ?");
    BindTime(*st, 1, before);
    return static_cast<std::int64_t>(st->exec());
  });
}

Result<std::int64_t> SqliteDeliveryStore::RequeueInFlight(TimePoint now) {
  return db_.Tx([&]() -> Result<std::int64_t> {
    {
      auto parts = db_.Prepare(
          "DELETE FROM delivery_parts WHERE delivery_id IN "
          "(SELECT id FROM deliveries WHERE state = 'sending')");
      parts->exec();
    }
    auto st = db_.Prepare(
        "UPDATE deliveries SET state = 'queued', parts_delivered = 0, updated_at = ? "
        "WHERE state = 'sending'");
    BindTime(*st, 1, now);
    return static_cast<std::int64_t>(st->exec());
  });
}

Result<std::optional<TimePoint>> SqliteDeliveryStore::NextDueAt() {
  // One index seek per distinct priority instead of a scan of every queued delivery.
  // next_attempt_at >= send_at always holds (Create sets it to send_at, retries to later).
  return db_.Tx([&]() -> Result<std::optional<TimePoint>> {
    std::optional<TimePoint> earliest;
    std::optional<std::int64_t> priority;
    {
      auto top = db_.Prepare("SELECT MAX(priority) FROM deliveries WHERE state = 'queued'");
      top->executeStep();
      if (!top->getColumn(0).isNull()) priority = top->getColumn(0).getInt64();
    }
    while (priority) {
      {
        auto first = db_.Prepare(
            "SELECT MIN(next_attempt_at) FROM deliveries WHERE state = 'queued' AND priority = ?");
        first->bind(1, static_cast<int64_t>(*priority));
        first->executeStep();
        if (!first->getColumn(0).isNull()) {
          TimePoint t = TimeAt(first->getColumn(0));
          if (!earliest || t < *earliest) earliest = t;
        }
      }
      auto next = db_.Prepare(
          "SELECT MAX(priority) FROM deliveries WHERE state = 'queued' AND priority < ?");
      next->bind(1, static_cast<int64_t>(*priority));
      next->executeStep();
      if (next->getColumn(0).isNull()) {
        priority.reset();
      } else {
        priority = next->getColumn(0).getInt64();
      }
    }
    return earliest;
  });
}

}  // namespace smsinfo::storage::sqlite
