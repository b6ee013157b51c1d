// The seam's small types: how requests are spelled and refused, packed batches, injected faults.
#include <gtest/gtest.h>

#include "backend/backend_description.h"
#include "backend/backend_options.h"
#include "backend/fault_injection.h"
#include "backend/packed_batch.h"
#include "util/error.h"

namespace nsmlab {
namespace {

TEST(DeviceRequest, ParsesEverySpellingAndRefusesTheRest) {
  EXPECT_TRUE(parse_device_request("auto", "--backend").automatic);
  DeviceRequest cpu = parse_device_request("cpu", "--backend");
  EXPECT_FALSE(cpu.automatic);
  EXPECT_EQ(cpu.kind, DeviceKind::Cpu);
  DeviceRequest cuda = parse_device_request("cuda", "--backend");
  EXPECT_EQ(cuda.kind, DeviceKind::Cuda);
  EXPECT_EQ(cuda.index, -1);
  DeviceRequest one = parse_device_request("cuda:1", "--backend");
  EXPECT_EQ(one.index, 1);
  EXPECT_EQ(device_request_string(one), "cuda:1");
  for (const char* bad : {"", "gpu", "cuda:", "cuda:x", "cuda:-1", "cuda:1x", "cuda:99999", "CPU"})
    EXPECT_THROW(parse_device_request(bad, "--backend"), Error) << bad;
}

TEST(PrecisionRequest, AutoIsNoneAndNamesRoundTrip) {
  EXPECT_FALSE(parse_precision_request("auto", "--precision").has_value());
  for (Precision p : all_precisions()) EXPECT_EQ(parse_precision_request(std::string(precision_name(p)), "x"), p);
  try {
    parse_precision_request("fp64", "--precision");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("expected auto, fp32, bf16, fp16 or int8"), std::string::npos);
  }
}

TEST(BackendDescription, NameAndJson) {
  BackendDescription d;
  d.precision = Precision::Bf16;
  d.threads = 2;
  d.notes = {"a note"};
  EXPECT_EQ(d.name(), "cpu-bf16");
  Json j = d.to_json();
  EXPECT_EQ(j["precision"], "bf16");
  EXPECT_EQ(j["notes"][0], "a note");
  EXPECT_FALSE(j.contains("device_index"));
  d.device = DeviceKind::Cuda;
  d.device_index = 0;
  d.precision = Precision::Fp16;
  EXPECT_EQ(d.name(), "cuda:0-fp16");
  EXPECT_EQ(d.to_json()["device_index"], 0);
}

TEST(PackedBatch, AddKeepsTokensColumnsAndTypesAligned) {
  PackedBatch b;
  const int32_t a[] = {5, 6, 7}, t[] = {0, 1, 1}, c[] = {8, 9};
  b.add(c, nullptr, 2, 1);  // no type ids yet
  b.add(a, t, 3);
  EXPECT_EQ(b.sequences(), 2u);
  EXPECT_EQ(b.tokens(), 5u);
  EXPECT_EQ(b.longest(), 3u);
  EXPECT_EQ(b.type_ids, (std::vector<int32_t>{0, 0, 0, 1, 1}));
  EXPECT_EQ(b.column, (std::vector<int32_t>{0, 1, 0, 1, 2}));
  EXPECT_EQ(b.prompt_len, (std::vector<int32_t>{1, 0}));
  EXPECT_NO_THROW(validate_packed_batch(b));
}

TEST(PackedBatch, ValidationNamesTheField) {
  auto expect = [](PackedBatch b, const std::string& what) {
    try {
      validate_packed_batch(b);
      ADD_FAILURE() << "accepted: " << what;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  PackedBatch ok;
  const int32_t ids[] = {1, 2, 3};
  ok.add(ids, nullptr, 3);
  PackedBatch b = ok;
  b.offset = {1, 3};
  expect(b, "'offset' must start with 0");
  b = ok;
  b.offset = {0, 2};
  expect(b, "'offset' ends at 2");
  b = ok;
  b.column.pop_back();
  expect(b, "'column'");
  b = ok;
  b.type_ids = {0};
  expect(b, "'type_ids'");
  b = ok;
  b.prompt_len = {0, 0};
  expect(b, "'prompt_len'");
  b = ok;
  b.column[1] = -1;
  expect(b, "negative column");
}

TEST(Faults, ParseAndMatch) {
  auto f = parse_faults("init:cuda*,oom:cpu-fp32@2,fail:cpu-bf16@10,");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].kind, Fault::Init);
  EXPECT_TRUE(f[0].matches("cuda:0-fp16"));
  EXPECT_FALSE(f[0].matches("cpu-fp32"));
  EXPECT_EQ(f[1].kind, Fault::OutOfMemory);
  EXPECT_EQ(f[1].call, 2u);
  EXPECT_TRUE(f[1].matches("cpu-fp32"));
  EXPECT_FALSE(f[1].matches("cpu-fp32x"));
  EXPECT_EQ(f[2].kind, Fault::Failure);
  EXPECT_EQ(f[2].call, 10u);
  for (const char* bad : {"oops", "init:", "oom:cpu-fp32", "oom:cpu-fp32@0", "oom:cpu-fp32@x", "fail:@3", "boom:cpu@1"})
    EXPECT_THROW(parse_faults(bad), Error) << bad;
  EXPECT_TRUE(parse_faults("").empty());
}

}  // namespace
}  // namespace nsmlab
