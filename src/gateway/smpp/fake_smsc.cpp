#include "gateway/smpp/fake_smsc.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <asio.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <future>
#include <string>

#include "gateway/smpp/codec.hpp"
#include "gateway/smpp/delivery_receipt.hpp"
#include "gateway/smpp/framer.hpp"

namespace smsinfo::gateway::smpp {
namespace {

using asio::ip::tcp;
using Steady = std::chrono::steady_clock;

void AppendEncoded(std::vector<std::uint8_t>& out, const Pdu& pdu) {
  auto bytes = Encode(pdu);
  if (bytes.ok()) out.insert(out.end(), bytes->begin(), bytes->end());
}

}  // namespace

struct FakeSmsc::Impl {
  // One ESME connection. Lives on the io thread; shared by its pending operations.
  struct Connection : std::enable_shared_from_this<Connection> {
    Connection(Impl& smsc, tcp::socket s) : impl(smsc), socket(std::move(s)) {}

    void Read() {
      if (impl.options.kernel_timestamps) return ReadStamped();
      auto self = shared_from_this();
      socket.async_read_some(asio::buffer(buffer), [self](asio::error_code ec, std::size_t n) {
        if (ec) return self->Close();
        const Steady::time_point now = Steady::now();
        if (!self->Consume(n, now, now)) return;
        self->Flush();
        if (!self->closed) self->Read();
      });
    }

    // Feeds `n` octets of `buffer` to the framer and handles every complete PDU, which arrived
    // at `arrived` and was read at `read`. False: the connection is closing.
    bool Consume(std::size_t n, Steady::time_point arrived, Steady::time_point read) {
      framer.Feed(std::span<const std::uint8_t>(buffer.data(), n));
      std::vector<std::uint8_t> pdu;
      for (;;) {
        const FrameStatus status = framer.Next(pdu);
        if (status == FrameStatus::kNeedMore) return true;
        if (status == FrameStatus::kInvalid) {
          Close();
          return false;
        }
        if (!impl.Handle(*this, pdu, arrived, read)) {
          Flush();
          close_after_flush = true;
          return false;
        }
      }
    }

    // kernel_timestamps: waits until the socket is readable, then reads with recvmsg, never
    // past the end of the PDU in progress, and takes each PDU's arrival from the
    // SCM_TIMESTAMPNS of the read that completed it (see FakeSmscOptions).
    void ReadStamped() {
      auto self = shared_from_this();
      socket.async_wait(tcp::socket::wait_read, [self](asio::error_code ec) {
        if (ec) return self->Close();
        for (;;) {
          const std::size_t want = self->RestOfPdu();
          iovec iov{self->buffer.data(), want};
          alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec)) + 64];
          msghdr msg{};
          msg.msg_iov = &iov;
          msg.msg_iovlen = 1;
          msg.msg_control = control;
          msg.msg_controllen = sizeof control;
          const ssize_t got = ::recvmsg(self->socket.native_handle(), &msg, MSG_DONTWAIT);
          if (got < 0 && errno == EINTR) continue;
          if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
          if (got <= 0) return self->Close();
          const Steady::time_point read = Steady::now();
          timespec real_now{};
          ::clock_gettime(CLOCK_REALTIME, &real_now);
          Steady::time_point arrived = read;
          for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
            // The stamp is CLOCK_REALTIME: carried over as "this long before the read".
            const auto age = std::chrono::seconds(real_now.tv_sec - stamp.tv_sec) +
                             std::chrono::nanoseconds(real_now.tv_nsec - stamp.tv_nsec);
            if (age >= Steady::duration::zero()) {
              arrived = read - std::chrono::duration_cast<Steady::duration>(age);
            }
          }
          const auto n = static_cast<std::size_t>(got);
          self->Track(n);
          if (!self->Consume(n, arrived, read)) return;
        }
        self->Flush();
        if (!self->closed) self->ReadStamped();
      });
    }

    // How many octets the PDU in progress still needs (its command_length first). A read of
    // at most this many holds octets of that PDU only.
    std::size_t RestOfPdu() const { return pdu_read < 4 ? 4 - pdu_read : pdu_length - pdu_read; }
    // `n` octets of the PDU in progress were read into `buffer`.
    void Track(std::size_t n) {
      if (pdu_read < 4) {
        for (std::size_t i = 0; i < n; ++i) pdu_length = (pdu_length << 8) | buffer[i];
      }
      pdu_read += n;
      if (pdu_read >= 4 && pdu_read >= pdu_length) pdu_read = pdu_length = 0;
    }

    void Flush() {
      if (writing || out.empty() || closed) {
        if (!writing && out.empty() && close_after_flush) Close();
        return;
      }
      writing = true;
      sending.clear();
      std::swap(out, sending);
      auto self = shared_from_this();
      asio::async_write(socket, asio::buffer(sending), [self](asio::error_code ec, std::size_t) {
        self->writing = false;
        if (ec) return self->Close();
        self->Flush();
      });
    }

    void Close() {
      if (closed) return;
      closed = true;
      bound = false;
      asio::error_code ignored;
      socket.close(ignored);
    }

    Impl& impl;
    tcp::socket socket;
    Framer framer;
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(64 * 1024);
    std::vector<std::uint8_t> out;
    std::vector<std::uint8_t> sending;
    bool writing = false;
    bool closed = false;
    bool close_after_flush = false;
    bool bound = false;
    bool can_receive = false;  // bound as receiver or transceiver
    std::uint32_t next_seq = 1;
    std::vector<std::uint32_t> our_deliver_seqs;  // deliver_sm sent by SendDeliverSm
    std::vector<std::uint32_t> our_enquire_seqs;  // enquire_link sent by SendEnquireLinks
    std::size_t pdu_read = 0;    // kernel_timestamps: octets of the PDU in progress read
    std::size_t pdu_length = 0;  // its command_length, once its first 4 octets are read
  };

  explicit Impl(FakeSmscOptions o) : options(o) {}

  void Accept() {
    acceptor.async_accept([this](asio::error_code ec, tcp::socket socket) {
      if (ec) return;
      socket.set_option(tcp::no_delay(true));
      if (options.kernel_timestamps) {
        const int on = 1;
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
      }
      auto connection = std::make_shared<Connection>(*this, std::move(socket));
      connections.push_back(connection);
      Record([](Counters& c) { ++c.connections; });
      connection->Read();
      Accept();
    });
  }

  template <class F>
  void Record(F&& change) {
    {
      std::lock_guard lock(mu);
      change(counters);
    }
    changed.notify_all();
  }

  std::string MessageId(std::int64_t n, bool hex) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, hex ? "%llx" : "%lld", static_cast<long long>(n));
    return buf;
  }

  // Handles one PDU of `c`; false: close the connection after flushing.
  // The PDU arrived at `arrived` and this thread read it at `read`.
  bool Handle(Connection& c, std::span<const std::uint8_t> bytes, Steady::time_point arrived,
              Steady::time_point read) {
    DecodeResult decoded = Decode(bytes);
    if (!decoded.ok()) {
      AppendEncoded(c.out, MakePdu(decoded.error().sequence_number, GenericNack{},
                                   decoded.error().command_status));
      return true;
    }
    const Pdu& pdu = decoded.pdu();
    const std::uint32_t seq = pdu.header.sequence_number;
    if (const auto* bind = std::get_if<BindRequest>(&pdu.body)) {
      BindResponse resp;
      resp.command = bind->command;
      resp.system_id = "fakesmsc";
      AppendEncoded(c.out, MakePdu(seq, resp));
      c.bound = true;
      c.can_receive = bind->command != BindType::kTransmitter;
      Record([](Counters& k) { ++k.binds; });
      if (options.behaviour == SmscBehaviour::kDropsConnectionAfterBind &&
          drops_done < options.drops) {
        ++drops_done;
        return false;
      }
      return true;
    }
    if (options.behaviour == SmscBehaviour::kNeverAnswers) {
      if (std::holds_alternative<SubmitSm>(pdu.body)) Record([](Counters& k) { ++k.submits; });
      return true;
    }
    if (const auto* submit = std::get_if<SubmitSm>(&pdu.body)) {
      std::int64_t n = 0;
      {
        std::lock_guard lock(mu);
        n = ++counters.submits;
        if (options.record_submits) submitted.push_back(*submit);
        if (options.record_submit_times) {
          submit_times.push_back(arrived);
          submit_read_times.push_back(read);
        }
      }
      if (options.behaviour == SmscBehaviour::kAnswersWithGarbage) {
        // submit_sm_resp whose message_id has no terminating NUL.
        const std::uint8_t garbage[] = {0,
                                        0,
                                        0,
                                        19,
                                        0x80,
                                        0,
                                        0,
                                        4,
                                        0,
                                        0,
                                        0,
                                        0,
                                        static_cast<std::uint8_t>(seq >> 24),
                                        static_cast<std::uint8_t>(seq >> 16),
                                        static_cast<std::uint8_t>(seq >> 8),
                                        static_cast<std::uint8_t>(seq),
                                        'a',
                                        'b',
                                        'c'};
        c.out.insert(c.out.end(), std::begin(garbage), std::end(garbage));
        changed.notify_all();
        return true;
      }
      if (options.behaviour == SmscBehaviour::kThrottlesEveryNth && options.throttle_every > 0 &&
          n % options.throttle_every == 0) {
        AppendEncoded(c.out, MakePdu(seq, SubmitSmResp{}, CommandStatus::kEsmeRthrottled));
        Record([](Counters& k) { ++k.throttled; });
        return true;
      }
      const std::int64_t id = next_id++;
      SubmitSmResp resp;
      resp.message_id = MessageId(id, options.hex_ids);
      AppendEncoded(c.out, MakePdu(seq, resp));
      bool receipt_sent = false;
      Connection* receiver = c.can_receive ? &c : nullptr;
      for (auto it = connections.rbegin(); receiver == nullptr && it != connections.rend(); ++it) {
        if (!(*it)->closed && (*it)->bound && (*it)->can_receive) receiver = it->get();
      }
      if (options.send_receipts && receiver != nullptr) {
        ReceiptText text;
        text.message_id = MessageId(id, false);
        text.stat = ReceiptStat::kDelivered;
        text.submitted = 1;
        text.delivered = 1;
        text.err = "000";
        const std::string body = FormatReceiptText(text);
        DeliverSm receipt;
        receipt.source_addr = submit->destination_addr;
        receipt.source_addr_ton = submit->dest_addr_ton;
        receipt.destination_addr = submit->source_addr;
        receipt.esm_class = kEsmClassDeliveryReceipt;
        receipt.short_message.assign(body.begin(), body.end());
        AppendEncoded(receiver->out, MakePdu(receiver->next_seq++, receipt));
        if (receiver != &c) receiver->Flush();
        receipt_sent = true;
      }
      Record([receipt_sent](Counters& k) {
        ++k.accepted;
        if (receipt_sent) ++k.receipts_sent;
      });
      return true;
    }
    if (std::holds_alternative<DeliverSmResp>(pdu.body)) {
      bool ours = false;
      for (std::uint32_t s : c.our_deliver_seqs) ours = ours || s == seq;
      {
        std::lock_guard lock(mu);
        ++counters.deliver_sm_resps;
        if (ours) deliver_statuses.push_back(pdu.header.command_status);
      }
      changed.notify_all();
      return true;
    }
    if (std::holds_alternative<EnquireLinkResp>(pdu.body)) {
      bool ours = false;
      for (std::uint32_t s : c.our_enquire_seqs) ours = ours || s == seq;
      if (ours) Record([](Counters& k) { ++k.enquire_link_resps; });
      return true;
    }
    if (std::holds_alternative<EnquireLink>(pdu.body)) {
      AppendEncoded(c.out, MakePdu(seq, EnquireLinkResp{}));
      Record([](Counters& k) { ++k.enquire_links; });
      return true;
    }
    if (std::holds_alternative<Unbind>(pdu.body)) {
      AppendEncoded(c.out, MakePdu(seq, UnbindResp{}));
      Record([](Counters& k) { ++k.unbinds; });
      return false;
    }
    if (std::holds_alternative<GenericNack>(pdu.body)) {
      Record([](Counters& k) { ++k.generic_nacks; });
      return true;
    }
    return true;
  }

  const FakeSmscOptions options;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
  std::vector<std::shared_ptr<Connection>> connections;  // io thread only
  int drops_done = 0;                                    // io thread only
  std::int64_t next_id = 1;                              // io thread only

  mutable std::mutex mu;
  std::condition_variable changed;
  Counters counters;
  std::vector<SubmitSm> submitted;
  std::vector<Steady::time_point> submit_times;
  std::vector<Steady::time_point> submit_read_times;
  std::vector<CommandStatus> deliver_statuses;
};

FakeSmsc::FakeSmsc(FakeSmscOptions options) : impl_(std::make_unique<Impl>(options)) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->Accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
  if (options.realtime_thread) {
    sched_param param{};
    param.sched_priority = 1;
    realtime_ = ::pthread_setschedparam(impl_->thread.native_handle(), SCHED_FIFO, &param) == 0;
  }
}

FakeSmsc::~FakeSmsc() {
  asio::post(impl_->io, [impl = impl_.get()] {
    asio::error_code ignored;
    impl->acceptor.close(ignored);
    for (auto& c : impl->connections) c->Close();
    impl->connections.clear();
  });
  impl_->thread.join();
}

FakeSmsc::Counters FakeSmsc::counters() const {
  std::lock_guard lock(impl_->mu);
  return impl_->counters;
}

std::vector<SubmitSm> FakeSmsc::Submitted() const {
  std::lock_guard lock(impl_->mu);
  return impl_->submitted;
}

std::vector<std::chrono::steady_clock::time_point> FakeSmsc::SubmitTimes() const {
  std::lock_guard lock(impl_->mu);
  return impl_->submit_times;
}

std::vector<std::chrono::steady_clock::time_point> FakeSmsc::SubmitReadTimes() const {
  std::lock_guard lock(impl_->mu);
  return impl_->submit_read_times;
}

std::vector<CommandStatus> FakeSmsc::DeliverSmStatuses() const {
  std::lock_guard lock(impl_->mu);
  return impl_->deliver_statuses;
}

bool FakeSmsc::SendDeliverSm(DeliverSm pdu) {
  std::promise<bool> sent;
  auto result = sent.get_future();
  asio::post(impl_->io, [impl = impl_.get(), &pdu, &sent] {
    for (auto it = impl->connections.rbegin(); it != impl->connections.rend(); ++it) {
      auto& c = **it;
      if (c.closed || !c.bound || !c.can_receive) continue;
      const std::uint32_t seq = c.next_seq++;
      c.our_deliver_seqs.push_back(seq);
      AppendEncoded(c.out, MakePdu(seq, pdu));
      c.Flush();
      sent.set_value(true);
      return;
    }
    sent.set_value(false);
  });
  return result.get();
}

int FakeSmsc::SendEnquireLinks() {
  std::promise<int> sent;
  auto result = sent.get_future();
  asio::post(impl_->io, [impl = impl_.get(), &sent] {
    int count = 0;
    for (auto& c : impl->connections) {
      if (c->closed || !c->bound) continue;
      const std::uint32_t seq = c->next_seq++;
      c->our_enquire_seqs.push_back(seq);
      AppendEncoded(c->out, MakePdu(seq, EnquireLink{}));
      c->Flush();
      ++count;
    }
    sent.set_value(count);
  });
  return result.get();
}

void FakeSmsc::DropConnections() {
  std::promise<void> done;
  auto result = done.get_future();
  asio::post(impl_->io, [impl = impl_.get(), &done] {
    for (auto& c : impl->connections) c->Close();
    done.set_value();
  });
  result.get();
}

bool FakeSmsc::WaitFor(const std::function<bool(const Counters&)>& done,
                       std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mu);
  return impl_->changed.wait_for(lock, timeout, [&] { return done(impl_->counters); });
}

}  // namespace smsinfo::gateway::smpp
