#include "gateway/smpp/session.hpp"

#include <algorithm>
#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ssl.hpp>
#include <cstdio>
#include <deque>
#include <optional>
#include <random>
#include <unordered_map>
#include <utility>

#include "gateway/smpp/codec.hpp"
#include "gateway/smpp/framer.hpp"
#include "gateway/smpp/rate_meter.hpp"

namespace smsinfo::gateway::smpp {
namespace {

using Steady = std::chrono::steady_clock;
using asio::awaitable;
using asio::ip::tcp;

constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);
// ESME_RX_T_APPN (§5.1.3): temporary application error; the SMSC resends the deliver_sm.
constexpr auto kEsmeRxTAppn = static_cast<CommandStatus>(0x00000064);
// A connection that sends this many undecodable PDUs in a row is dropped (docs/smpp.md).
constexpr int kMaxConsecutiveBadPdus = 10;
constexpr std::size_t kReadBuffer = 64 * 1024;
// Longest wait for unbind_resp on Stop(); the connection is closed anyway after it.
constexpr auto kMaxUnbindWait = std::chrono::seconds(1);

// The empty response body to a request, for answering one we could not decode.
std::optional<PduBody> ResponseBodyFor(CommandId command) {
  switch (command) {
    case CommandId::kSubmitSm:
      return SubmitSmResp{};
    case CommandId::kDeliverSm:
      return DeliverSmResp{};
    case CommandId::kDataSm:
      return DataSmResp{};
    case CommandId::kEnquireLink:
      return EnquireLinkResp{};
    case CommandId::kUnbind:
      return UnbindResp{};
    default:
      return std::nullopt;
  }
}

BindType BindTypeOfResponse(CommandId id) {
  if (id == CommandId::kBindReceiverResp) return BindType::kReceiver;
  if (id == CommandId::kBindTransmitterResp) return BindType::kTransmitter;
  return BindType::kTransceiver;
}

}  // namespace

bool IsTemporary(CommandStatus status) {
  return status == CommandStatus::kEsmeRthrottled || status == CommandStatus::kEsmeRmsgQFul ||
         status == CommandStatus::kEsmeRsysErr || status == kEsmeRxTAppn;
}

// Lets deliver_sm acks, which may come from any thread at any time, reach a live session.
struct AckGate {
  std::mutex mu;
  asio::io_context* io = nullptr;  // null once the session is gone
  std::function<void(std::uint64_t, std::uint32_t, bool)> deliver;
};

struct Session::Impl {
  enum class Kind { kPart, kEnquireLink, kUnbind };
  struct Pending {
    Kind kind = Kind::kPart;
    std::uint64_t sms_key = 0;
    int index = 0;
  };

  Impl(const SmppConfig& c, BindType t, int i, SessionHost& h, std::atomic<bool>& b)
      : config(c),
        bind_type(t),
        index(i),
        host(h),
        bound(b),
        rng(std::random_device{}() + static_cast<unsigned>(i)),
        ack_gate(std::make_shared<AckGate>()) {
    ack_gate->io = &io;
    ack_gate->deliver = [this](std::uint64_t gen, std::uint32_t seq, bool stored) {
      if (gen != generation || !connected) return;
      Enqueue(MakePdu(seq, DeliverSmResp{}, stored ? CommandStatus::kEsmeRok : kEsmeRxTAppn));
    };
  }

  // ---- state shared with other threads
  void SetError(std::string error) {
    std::lock_guard lock(status_mu);
    last_error = std::move(error);
  }

  // ---- on the io thread
  std::uint32_t NextSeq() {
    const std::uint32_t seq = next_seq;
    next_seq = next_seq >= 0x7FFFFFFF ? 1 : next_seq + 1;
    return seq;
  }

  void Enqueue(const Pdu& pdu) {
    auto bytes = Encode(pdu);
    if (!bytes.ok()) return;  // our own responses always encode
    out.insert(out.end(), bytes->begin(), bytes->end());
    WakeWriter();
  }

  void Track(std::uint32_t seq, Pending pending) {
    window.emplace(seq, pending);
    deadlines.emplace_back(Steady::now() + config.response_timeout, seq);
    in_window.store(window.size(), std::memory_order_relaxed);
  }

  void WakeWriter() {
    if (writer_waiting) writer_wake.cancel();
  }
  void WakeSender() {
    if (sender_waiting) sender_wake.cancel();
  }

  // Ends the connection: every loop sees `closing` after its next wait.
  void Close(const std::string& why) {
    if (closing) return;
    closing = true;
    if (!why.empty()) SetError(why);
    CloseSocket();
    sender_wake.cancel();
    writer_wake.cancel();
    tick.cancel();
  }

  // Reports every part in the window as a temporary error and forgets the window.
  void FailWindow(const std::string& why) {
    auto pending = std::exchange(window, {});
    deadlines.clear();
    in_window.store(0, std::memory_order_relaxed);
    for (const auto& [seq, p] : pending) {
      if (p.kind != Kind::kPart) continue;
      PartOutcome outcome;
      outcome.kind = PartOutcome::Kind::kTemporaryError;
      outcome.command_status = CommandStatus::kEsmeRok;
      outcome.error = why;
      host.OnPartOutcome(p.sms_key, p.index, std::move(outcome));
    }
  }

  // A response (or generic_nack) for `seq` arrived.
  void Complete(std::uint32_t seq, CommandStatus status, std::string message_id) {
    auto it = window.find(seq);
    if (it == window.end()) return;  // late (already timed out) or unknown
    const Pending p = it->second;
    window.erase(it);
    in_window.store(window.size(), std::memory_order_relaxed);
    WakeSender();
    if (p.kind == Kind::kUnbind) {
      unbind_answered = true;
      Close("");
      return;
    }
    if (p.kind != Kind::kPart) return;
    PartOutcome outcome;
    outcome.command_status = status;
    if (status == CommandStatus::kEsmeRok) {
      outcome.message_id = std::move(message_id);
    } else {
      if (status == CommandStatus::kEsmeRthrottled || status == CommandStatus::kEsmeRmsgQFul) {
        host.OnThrottled();
      }
      outcome.kind = IsTemporary(status) ? PartOutcome::Kind::kTemporaryError
                                         : PartOutcome::Kind::kPermanentError;
      outcome.error = std::string(CommandStatusName(status)) + " (0x" +
                      [](std::uint32_t v) {
                        char buf[16];
                        std::snprintf(buf, sizeof buf, "%08x", v);
                        return std::string(buf);
                      }(static_cast<std::uint32_t>(status)) +
                      ")";
    }
    host.OnPartOutcome(p.sms_key, p.index, std::move(outcome));
  }

  // Handles one framed PDU. False: end the connection.
  bool HandlePdu(std::span<const std::uint8_t> bytes) {
    DecodeResult decoded = Decode(bytes);
    if (!decoded.ok()) {
      const DecodeError& e = decoded.error();
      const CommandId reply = e.ReplyCommand();
      std::optional<PduBody> body;
      if (reply != CommandId::kGenericNack) body = ResponseBodyFor(e.command_id);
      Enqueue(MakePdu(e.sequence_number, body ? std::move(*body) : PduBody(GenericNack{}),
                      e.command_status));
      if (IsResponse(e.command_id)) {
        // A malformed answer to one of ours: that request failed; do not wait for a timeout.
        Complete(e.sequence_number, CommandStatus::kEsmeRsysErr, "");
      }
      if (++bad_pdus >= kMaxConsecutiveBadPdus) {
        Close("peer sent " + std::to_string(bad_pdus) + " malformed PDUs in a row: " + e.message);
        return false;
      }
      SetError("malformed PDU: " + e.message);
      return true;
    }
    bad_pdus = 0;
    Pdu pdu = std::move(decoded).pdu();
    const std::uint32_t seq = pdu.header.sequence_number;
    const CommandStatus status = pdu.header.command_status;
    if (auto* resp = std::get_if<SubmitSmResp>(&pdu.body)) {
      Complete(seq, status, std::move(resp->message_id));
    } else if (std::holds_alternative<GenericNack>(pdu.body)) {
      Complete(seq, status == CommandStatus::kEsmeRok ? CommandStatus::kEsmeRsysErr : status, "");
    } else if (std::holds_alternative<EnquireLinkResp>(pdu.body) ||
               std::holds_alternative<UnbindResp>(pdu.body)) {
      Complete(seq, status, "");
    } else if (std::holds_alternative<EnquireLink>(pdu.body)) {
      Enqueue(MakePdu(seq, EnquireLinkResp{}));
    } else if (std::holds_alternative<Unbind>(pdu.body)) {
      Enqueue(MakePdu(seq, UnbindResp{}));
      peer_unbound = true;
      SetError("the SMSC unbound");
      return false;
    } else if (auto* deliver = std::get_if<DeliverSm>(&pdu.body)) {
      if (bind_type == BindType::kTransmitter) {
        Enqueue(MakePdu(seq, DeliverSmResp{}, CommandStatus::kEsmeRinvBndSts));
        return true;
      }
      std::weak_ptr<AckGate> gate = ack_gate;
      const std::uint64_t gen = generation;
      auto answered = std::make_shared<std::atomic<bool>>(false);
      host.OnDeliverSm(std::move(*deliver), [gate, gen, seq, answered](bool stored) {
        if (answered->exchange(true)) return;
        auto g = gate.lock();
        if (!g) return;
        std::lock_guard lock(g->mu);
        if (g->io == nullptr) return;
        asio::post(*g->io, [g, gen, seq, stored] { g->deliver(gen, seq, stored); });
      });
    } else if (std::holds_alternative<DataSm>(pdu.body)) {
      Enqueue(MakePdu(seq, DataSmResp{}, CommandStatus::kEsmeRinvCmdId));
    } else if (!IsResponse(pdu.header.command_id)) {
      // A request an SMSC does not send to an ESME (bind, submit_sm, outbind).
      Enqueue(MakePdu(seq, GenericNack{}, CommandStatus::kEsmeRinvBndSts));
    }
    return true;
  }

  // ---- the byte stream: plain TCP or TLS over it (docs/smpp.md, "TLS")
  tcp::socket* Lowest() {
    if (tls) return &tls->next_layer();
    return socket ? &*socket : nullptr;
  }

  void CloseSocket() {
    asio::error_code ignored;
    if (tcp::socket* s = Lowest()) s->close(ignored);
  }

  awaitable<std::tuple<asio::error_code, std::size_t>> ReadSome(asio::mutable_buffer buffer) {
    if (tls) co_return co_await tls->async_read_some(buffer, kNoThrow);
    co_return co_await socket->async_read_some(buffer, kNoThrow);
  }

  awaitable<std::tuple<asio::error_code, std::size_t>> WriteAll(asio::const_buffer buffer) {
    if (tls) co_return co_await asio::async_write(*tls, buffer, kNoThrow);
    co_return co_await asio::async_write(*socket, buffer, kNoThrow);
  }

  // The TLS client context of this gateway's config; false with `*error` when a file given in
  // the config cannot be used.
  bool MakeTlsContext(std::string* error) {
    tls_context.emplace(asio::ssl::context::tls_client);
    asio::ssl::context& ctx = *tls_context;
    asio::error_code ec;
    ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1,
                    ec);
    if (!config.tls_ca_file.empty()) {
      ctx.load_verify_file(config.tls_ca_file, ec);
      if (ec) {
        *error = "tls_ca_file " + config.tls_ca_file + ": " + ec.message();
        return false;
      }
    } else {
      ctx.set_default_verify_paths(ec);
    }
    if (!config.tls_cert_file.empty()) {
      ctx.use_certificate_chain_file(config.tls_cert_file, ec);
      if (!ec) ctx.use_private_key_file(config.tls_key_file, asio::ssl::context::pem, ec);
      if (ec) {
        *error = "tls_cert_file/tls_key_file: " + ec.message();
        return false;
      }
    }
    ctx.set_verify_mode(config.tls_verify ? asio::ssl::verify_peer : asio::ssl::verify_none, ec);
    return true;
  }

  // Moves the connected socket into a TLS stream and does the client handshake: SNI and, with
  // tls_verify, the chain against tls_ca_file (or the system's CAs) and the host name.
  awaitable<bool> Handshake(std::string* error) {
    if (!MakeTlsContext(error)) co_return false;
    tls.emplace(std::move(*socket), *tls_context);
    socket.reset();
    const std::string name = config.tls_server_name.empty() ? config.host : config.tls_server_name;
    asio::error_code ignored;
    asio::ip::make_address(name, ignored);
    if (ignored) {  // SNI carries host names only, never an address (RFC 6066 §3)
      SSL_set_tlsext_host_name(tls->native_handle(), name.c_str());
    }
    if (config.tls_verify) {
      tls->set_verify_callback(asio::ssl::host_name_verification(name), ignored);
    }
    auto [ec] = co_await tls->async_handshake(asio::ssl::stream_base::client, kNoThrow);
    if (ec) {
      std::string reason = ec.message();
      const long verify = SSL_get_verify_result(tls->native_handle());
      if (verify != X509_V_OK) {
        reason += std::string(" (certificate: ") + X509_verify_cert_error_string(verify) + ")";
      }
      *error =
          "TLS handshake with " + config.host + ":" + std::to_string(config.port) + ": " + reason;
      co_return false;
    }
    co_return true;
  }

  // ---- coroutines of one connection
  awaitable<void> ReadLoop() {
    std::vector<std::uint8_t> buffer(kReadBuffer);
    std::vector<std::uint8_t> pdu;
    while (!closing) {
      for (;;) {
        const FrameStatus status = framer->Next(pdu);
        if (status == FrameStatus::kNeedMore) break;
        if (status == FrameStatus::kInvalid) {
          const auto& h = framer->invalid_header();
          Enqueue(
              MakePdu(h ? h->sequence_number : 0, GenericNack{}, CommandStatus::kEsmeRinvCmdLen));
          co_await FlushThenClose("invalid command_length from the SMSC");
          co_return;
        }
        if (!HandlePdu(pdu)) {
          co_await FlushThenClose("");
          co_return;
        }
        if (closing) co_return;
      }
      auto [ec, n] = co_await ReadSome(asio::buffer(buffer));
      if (closing) co_return;
      if (ec) {
        Close(ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
                  ? "the SMSC closed the connection"
                  : "read: " + ec.message());
        co_return;
      }
      framer->Feed(std::span<const std::uint8_t>(buffer.data(), n));
    }
  }

  // Lets the writer send what is queued (an unbind_resp, a generic_nack), then closes.
  awaitable<void> FlushThenClose(const std::string& why) {
    asio::steady_timer wait(io);
    for (int i = 0; i < 100 && !closing && (!out.empty() || writing_active); ++i) {
      wait.expires_after(std::chrono::milliseconds(2));
      co_await wait.async_wait(kNoThrow);
    }
    Close(why);
  }

  awaitable<void> WriteLoop() {
    std::vector<std::uint8_t> writing;
    while (!closing) {
      if (out.empty()) {
        writer_waiting = true;
        writer_wake.expires_at(Steady::time_point::max());
        co_await writer_wake.async_wait(kNoThrow);
        writer_waiting = false;
        continue;
      }
      writing.clear();
      std::swap(out, writing);
      const std::size_t parts = std::exchange(parts_in_out, 0);
      writing_active = true;
      auto [ec, n] = co_await WriteAll(asio::buffer(writing));
      writing_active = false;
      if (ec) {
        Close("write: " + ec.message());
        co_return;
      }
      if (parts > 0) host.OnPartsWritten(parts, Steady::now());
    }
  }

  std::size_t PartsInWindow() const {
    std::size_t parts = 0;
    for (const auto& [seq, p] : window) parts += p.kind == Kind::kPart ? 1 : 0;
    return parts;
  }

  awaitable<void> SendLoop() {
    std::vector<OutboundPart> batch;
    while (!closing) {
      if (stop_requested) {
        const bool drained =
            PartsInWindow() == 0 && (bind_type == BindType::kReceiver || !host.HasQueuedParts());
        if (drained || Steady::now() >= drain_deadline) break;
      }
      const std::size_t free = window.size() < config.window ? config.window - window.size() : 0;
      Steady::duration wait{};
      batch.clear();
      if (free > 0 && bind_type != BindType::kReceiver) {
        sender_idle.store(true);
        host.TakeParts(free, batch, &wait);
      }
      if (batch.empty()) {
        Steady::time_point until = Steady::time_point::max();
        if (wait > Steady::duration::zero()) until = Steady::now() + wait;
        if (stop_requested) until = std::min(until, drain_deadline);
        sender_waiting = true;
        sender_wake.expires_at(until);
        co_await sender_wake.async_wait(kNoThrow);
        sender_waiting = false;
        continue;
      }
      sender_idle.store(false);
      {
        std::lock_guard lock(status_mu);
        rate_meter.Add(Steady::now(), static_cast<std::int64_t>(batch.size()));
      }
      for (OutboundPart& part : batch) {
        const std::uint32_t seq = NextSeq();
        auto bytes = Encode(MakePdu(seq, std::move(part.pdu)));
        if (!bytes.ok()) {
          PartOutcome outcome;
          outcome.kind = PartOutcome::Kind::kPermanentError;
          outcome.error = "cannot encode submit_sm: " + bytes.error().message;
          host.OnPartOutcome(part.sms_key, part.index, std::move(outcome));
          continue;
        }
        out.insert(out.end(), bytes->begin(), bytes->end());
        ++parts_in_out;
        Track(seq, Pending{Kind::kPart, part.sms_key, part.index});
      }
      WakeWriter();
    }
    if (closing) co_return;
    // Graceful unbind (§4.2): nothing of ours is in flight any more (or the drain timed out).
    const std::uint32_t seq = NextSeq();
    Enqueue(MakePdu(seq, Unbind{}));
    Track(seq, Pending{Kind::kUnbind, 0, 0});
    asio::steady_timer wait(io);
    wait.expires_after(std::min<Steady::duration>(config.response_timeout, kMaxUnbindWait));
    while (!closing && Steady::now() < wait.expiry()) {
      sender_waiting = true;
      sender_wake.expires_at(wait.expiry());
      co_await sender_wake.async_wait(kNoThrow);
      sender_waiting = false;
    }
    Close("");
  }

  // Response timeouts and the enquire_link keepalive (§4.11).
  awaitable<void> TimerLoop() {
    const auto period = std::clamp<Steady::duration>(
        config.response_timeout / 10, std::chrono::milliseconds(5), std::chrono::milliseconds(500));
    Steady::time_point next_enquire = Steady::now() + config.enquire_link_interval;
    while (!closing) {
      tick.expires_after(period);
      co_await tick.async_wait(kNoThrow);
      if (closing) co_return;
      const Steady::time_point now = Steady::now();
      while (!deadlines.empty() && deadlines.front().first <= now) {
        const std::uint32_t seq = deadlines.front().second;
        deadlines.pop_front();
        auto it = window.find(seq);
        if (it == window.end()) continue;
        const Pending p = it->second;
        window.erase(it);
        in_window.store(window.size(), std::memory_order_relaxed);
        WakeSender();
        if (p.kind != Kind::kPart) {
          Close(p.kind == Kind::kUnbind ? "" : "no enquire_link_resp within the response timeout");
          co_return;
        }
        PartOutcome outcome;
        outcome.kind = PartOutcome::Kind::kTemporaryError;
        outcome.error =
            "no submit_sm_resp within " + std::to_string(config.response_timeout.count()) + " ms";
        SetError(outcome.error);
        host.OnPartOutcome(p.sms_key, p.index, std::move(outcome));
      }
      if (now >= next_enquire) {
        next_enquire = now + config.enquire_link_interval;
        const std::uint32_t seq = NextSeq();
        Enqueue(MakePdu(seq, EnquireLink{}));
        Track(seq, Pending{Kind::kEnquireLink, 0, 0});
      }
    }
  }

  // Connects and binds (§4.1). False, with `*error`, when it did not work.
  awaitable<bool> ConnectAndBind(std::string* error) {
    tcp::resolver resolver(io);
    auto [rec, endpoints] =
        co_await resolver.async_resolve(config.host, std::to_string(config.port), kNoThrow);
    if (rec) {
      *error = "resolve " + config.host + ": " + rec.message();
      co_return false;
    }
    tls.reset();
    socket.emplace(io);
    asio::steady_timer deadline(io);
    deadline.expires_after(config.connect_timeout);
    deadline.async_wait([this](asio::error_code ec) {
      if (!ec) CloseSocket();
    });
    auto [cec, endpoint] = co_await asio::async_connect(*socket, endpoints, kNoThrow);
    if (cec || stop_requested) {
      deadline.cancel();
      *error = "connect " + config.host + ":" + std::to_string(config.port) + ": " +
               (cec ? cec.message() : std::string("stopping"));
      co_return false;
    }
    asio::error_code nodelay_error;
    socket->set_option(tcp::no_delay(true), nodelay_error);
    if (config.tls) {
      // The connect deadline also bounds the TLS handshake.
      if (!co_await Handshake(error)) {
        deadline.cancel();
        co_return false;
      }
    }
    framer.emplace();
    BindRequest bind;
    bind.command = bind_type;
    bind.system_id = config.system_id;
    bind.password = config.password;
    bind.system_type = config.system_type;
    const std::uint32_t bind_seq = NextSeq();
    auto bytes = Encode(MakePdu(bind_seq, bind));
    if (!bytes.ok()) {
      deadline.cancel();
      *error = "bind: " + bytes.error().message;
      co_return false;
    }
    deadline.expires_after(config.response_timeout);
    deadline.async_wait([this](asio::error_code ec) {
      if (!ec) CloseSocket();
    });
    auto [wec, written] = co_await WriteAll(asio::buffer(*bytes));
    std::vector<std::uint8_t> buffer(4096);
    std::vector<std::uint8_t> pdu;
    while (!wec) {
      const FrameStatus status = framer->Next(pdu);
      if (status == FrameStatus::kInvalid) break;
      if (status == FrameStatus::kComplete) {
        DecodeResult decoded = Decode(pdu);
        if (!decoded.ok() || decoded.pdu().header.sequence_number != bind_seq) continue;
        const PduHeader& h = decoded.pdu().header;
        deadline.cancel();
        if (!IsResponse(h.command_id) || (h.command_id != CommandId::kGenericNack &&
                                          BindTypeOfResponse(h.command_id) != bind_type)) {
          *error = "unexpected answer to the bind";
          co_return false;
        }
        if (h.command_status != CommandStatus::kEsmeRok) {
          *error = std::string("bind refused: ") + CommandStatusName(h.command_status);
          co_return false;
        }
        co_return true;
      }
      auto [rec2, n] = co_await ReadSome(asio::buffer(buffer));
      if (rec2) {
        wec = rec2;
        break;
      }
      framer->Feed(std::span<const std::uint8_t>(buffer.data(), n));
    }
    deadline.cancel();
    *error = "bind: " + (wec ? wec.message() : std::string("no valid bind response"));
    co_return false;
  }

  // Runs the four loops of one bound connection until all have ended.
  awaitable<void> RunConnection() {
    // Bytes a lost connection did not write belong to it (its window already failed): sent on
    // the new one they would repeat submit_sm that dispatch sends again anyway.
    out.clear();
    parts_in_out = 0;
    closing = false;
    connected = true;
    bad_pdus = 0;
    peer_unbound = false;
    unbind_answered = false;
    ++generation;
    int running = 4;
    asio::steady_timer all_done(io);
    all_done.expires_at(Steady::time_point::max());
    auto spawn = [&](awaitable<void> loop) {
      asio::co_spawn(io, std::move(loop), [&](std::exception_ptr e) {
        if (e) Close("internal error in the session");
        if (--running == 0) all_done.cancel();
      });
    };
    spawn(ReadLoop());
    spawn(WriteLoop());
    spawn(SendLoop());
    spawn(TimerLoop());
    while (running > 0) co_await all_done.async_wait(kNoThrow);
    connected = false;
    FailWindow(stop_requested ? "the gateway stopped before the SMSC answered"
                              : "connection lost before the SMSC answered");
    CloseSocket();
  }

  awaitable<void> Run() {
    auto backoff = std::chrono::duration_cast<Steady::duration>(config.reconnect_min);
    const auto backoff_max = std::chrono::duration_cast<Steady::duration>(config.reconnect_max);
    while (!stop_requested) {
      std::string error;
      if (co_await ConnectAndBind(&error)) {
        backoff = std::chrono::duration_cast<Steady::duration>(config.reconnect_min);
        {
          std::lock_guard lock(status_mu);
          ++binds;
        }
        bound.store(true);
        co_await RunConnection();
        bound.store(false);
        if (stop_requested) break;
        host.OnSessionDown();
      } else {
        SetError(error);
        CloseSocket();
        if (!stop_requested) host.OnSessionDown();
      }
      if (stop_requested) break;
      // Exponential backoff with jitter: a random wait in [backoff/2, backoff].
      std::uniform_int_distribution<Steady::rep> jitter(backoff.count() / 2, backoff.count());
      backoff_timer.expires_after(Steady::duration(jitter(rng)));
      co_await backoff_timer.async_wait(kNoThrow);
      backoff = std::min(backoff * 2, backoff_max);
    }
    bound.store(false);
  }

  // Posted by Stop().
  void RequestStop(Steady::time_point deadline) {
    stop_requested = true;
    drain_deadline = deadline;
    backoff_timer.cancel();
    WakeSender();
    if (!connected) CloseSocket();  // abandons a connect, handshake or bind in progress
  }

  const SmppConfig config;
  const BindType bind_type;
  const int index;
  SessionHost& host;
  std::atomic<bool>& bound;

  asio::io_context io{1};
  asio::steady_timer sender_wake{io};
  asio::steady_timer writer_wake{io};
  asio::steady_timer tick{io};
  asio::steady_timer backoff_timer{io};
  // Plain TCP until a TLS handshake moves it into `tls` (config.tls).
  std::optional<tcp::socket> socket;
  std::optional<asio::ssl::context> tls_context;
  std::optional<asio::ssl::stream<tcp::socket>> tls;
  std::optional<Framer> framer;
  bool connected = false;  // in RunConnection
  bool closing = false;
  bool stop_requested = false;
  bool sender_waiting = false;
  bool writer_waiting = false;
  bool writing_active = false;
  bool peer_unbound = false;
  bool unbind_answered = false;
  int bad_pdus = 0;
  Steady::time_point drain_deadline;
  std::uint32_t next_seq = 1;
  std::uint64_t generation = 0;
  std::unordered_map<std::uint32_t, Pending> window;
  std::deque<std::pair<Steady::time_point, std::uint32_t>> deadlines;
  std::vector<std::uint8_t> out;
  std::size_t parts_in_out = 0;  // submit_sm in `out`, not yet handed to the socket
  std::mt19937_64 rng;
  std::shared_ptr<AckGate> ack_gate;

  std::atomic<bool> sender_idle{false};  // the sender found nothing to take: Notify must wake
  std::atomic<std::size_t> in_window{0};
  mutable std::mutex status_mu;
  std::string last_error;
  std::int64_t binds = 0;
  RateMeter rate_meter;
};

Session::Session(const SmppConfig& config, BindType bind_type, int index, SessionHost& host)
    : bind_type_(bind_type),
      impl_(std::make_unique<Impl>(config, bind_type, index, host, bound_)) {}

Session::~Session() {
  Stop(Steady::now());
  std::lock_guard lock(impl_->ack_gate->mu);
  impl_->ack_gate->io = nullptr;
}

void Session::Start() {
  std::lock_guard lock(lifecycle_mu_);
  if (started_) return;
  started_ = true;
  asio::co_spawn(impl_->io, impl_->Run(), asio::detached);
  thread_ = std::thread([this] { impl_->io.run(); });
}

void Session::Stop(std::chrono::steady_clock::time_point drain_deadline) {
  std::lock_guard lock(lifecycle_mu_);
  if (!started_ || stopped_) return;
  stopped_ = true;
  Impl* impl = impl_.get();
  asio::post(impl->io, [impl, drain_deadline] { impl->RequestStop(drain_deadline); });
  thread_.join();
  {
    std::lock_guard gate_lock(impl->ack_gate->mu);
    impl->ack_gate->io = nullptr;
  }
}

void Session::Notify() {
  if (!impl_->sender_idle.exchange(false)) return;
  Impl* impl = impl_.get();
  asio::post(impl->io, [impl] { impl->WakeSender(); });
}

SessionStatus Session::Status() const {
  SessionStatus status;
  status.bound = bound_.load();
  status.in_window = impl_->in_window.load(std::memory_order_relaxed);
  std::lock_guard lock(impl_->status_mu);
  status.binds = impl_->binds;
  status.sent = impl_->rate_meter.total();
  status.rate = impl_->rate_meter.PerSecond(Steady::now());
  status.last_error = impl_->last_error;
  return status;
}

}  // namespace smsinfo::gateway::smpp
