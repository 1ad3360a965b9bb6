#include "gateway/smpp/framer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "gateway/smpp/codec.hpp"

namespace smsinfo::gateway::smpp {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes EncodeOrDie(const Pdu& pdu) {
  auto bytes = Encode(pdu);
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : Bytes{};
}

// Three PDUs of different sizes, back to back, as one stream.
std::vector<Bytes> ThreePdus() {
  SubmitSm submit;
  submit.destination_addr = "420720001676";
  submit.short_message = Bytes(200, 'a');
  BindRequest bind;
  bind.system_id = "smsinfo";
  return {EncodeOrDie(MakePdu(1, bind)), EncodeOrDie(MakePdu(2, EnquireLink{})),
          EncodeOrDie(MakePdu(3, submit))};
}

Bytes Join(const std::vector<Bytes>& pdus) {
  Bytes stream;
  for (const Bytes& p : pdus) stream.insert(stream.end(), p.begin(), p.end());
  return stream;
}

// Pops every complete PDU.
std::vector<Bytes> Drain(Framer& framer, FrameStatus& last) {
  std::vector<Bytes> popped;
  Bytes pdu;
  while ((last = framer.Next(pdu)) == FrameStatus::kComplete) popped.push_back(pdu);
  return popped;
}

TEST(SmppFramer, NeedsMoreUntilAWholePduIsBuffered) {
  Framer framer;
  Bytes pdu;
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kNeedMore);
  const Bytes enquire = EncodeOrDie(MakePdu(2, EnquireLink{}));
  framer.Feed(std::span(enquire).first(15));
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kNeedMore);
  EXPECT_TRUE(pdu.empty());
  framer.Feed(std::span(enquire).subspan(15));
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kComplete);
  EXPECT_EQ(pdu, enquire);
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kNeedMore);
  EXPECT_EQ(framer.buffered(), 0u);
}

TEST(SmppFramer, PopsEveryPduWhenFedOneByteAtATime) {
  const std::vector<Bytes> pdus = ThreePdus();
  const Bytes stream = Join(pdus);
  Framer framer;
  std::vector<Bytes> popped;
  for (std::uint8_t byte : stream) {
    framer.Feed(std::span(&byte, 1));
    FrameStatus last;
    for (Bytes& p : Drain(framer, last)) popped.push_back(std::move(p));
    ASSERT_EQ(last, FrameStatus::kNeedMore);
  }
  EXPECT_EQ(popped, pdus);
  EXPECT_EQ(framer.buffered(), 0u);
}

TEST(SmppFramer, PopsSeveralPdusFromOneRead) {
  const std::vector<Bytes> pdus = ThreePdus();
  Bytes stream = Join(pdus);
  stream.insert(stream.end(), pdus[0].begin(), pdus[0].begin() + 5);  // and a partial fourth
  Framer framer;
  framer.Feed(stream);
  FrameStatus last;
  EXPECT_EQ(Drain(framer, last), pdus);
  EXPECT_EQ(last, FrameStatus::kNeedMore);
  EXPECT_EQ(framer.buffered(), 5u);
  framer.Feed(std::span(pdus[0]).subspan(5));
  EXPECT_EQ(Drain(framer, last), std::vector<Bytes>{pdus[0]});
}

TEST(SmppFramer, PoppedPdusDecode) {
  Framer framer;
  framer.Feed(Join(ThreePdus()));
  FrameStatus last;
  for (const Bytes& p : Drain(framer, last)) EXPECT_TRUE(Decode(p).ok());
}

TEST(SmppFramer, RejectsACommandLengthBelowTheHeaderSize) {
  Framer framer;
  const Bytes bad{0, 0, 0, 15, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 9};
  framer.Feed(bad);
  Bytes pdu;
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kInvalid);
  ASSERT_TRUE(framer.invalid_header().has_value());
  EXPECT_EQ(framer.invalid_header()->command_length, 15u);
  EXPECT_EQ(framer.invalid_header()->command_id, CommandId::kEnquireLink);
  EXPECT_EQ(framer.invalid_header()->sequence_number, 9u);
}

TEST(SmppFramer, RejectsACommandLengthAboveTheMaximumBeforeItArrives) {
  Framer framer(1024);
  framer.Feed(Bytes{0, 0, 4, 1});  // 1025
  Bytes pdu;
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kInvalid);
  EXPECT_EQ(framer.invalid_header()->sequence_number, 0u);  // not received yet
}

TEST(SmppFramer, AcceptsACommandLengthOfExactlyTheMaximum) {
  SubmitSm submit;
  submit.tlvs.Set(tlv_tag::kMessagePayload, Bytes(1000, 'x'));
  const Bytes bytes = EncodeOrDie(MakePdu(1, submit));
  Framer framer(bytes.size());
  framer.Feed(bytes);
  Bytes pdu;
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kComplete);
  Framer smaller(bytes.size() - 1);
  smaller.Feed(bytes);
  EXPECT_EQ(smaller.Next(pdu), FrameStatus::kInvalid);
}

TEST(SmppFramer, DefaultsToA64KibMaximum) {
  Framer framer;
  EXPECT_EQ(framer.max_pdu_length(), 65536u);
  framer.Feed(Bytes{0, 1, 0, 1});
  Bytes pdu;
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kInvalid);
}

TEST(SmppFramer, StaysInvalidAndIgnoresLaterBytes) {
  Framer framer;
  framer.Feed(Bytes{0, 0, 0, 0});
  Bytes pdu;
  ASSERT_EQ(framer.Next(pdu), FrameStatus::kInvalid);
  framer.Feed(EncodeOrDie(MakePdu(2, EnquireLink{})));
  EXPECT_EQ(framer.Next(pdu), FrameStatus::kInvalid);
  EXPECT_EQ(framer.buffered(), 0u);
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
