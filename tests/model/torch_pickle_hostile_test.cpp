// The restricted pickle reader against pickles no tensor file contains: code execution
// (os.system, eval, builtins), calls on call results, opcodes that build objects, huge
// lengths, deep or cyclic values, and tensors reaching outside their storage. Each must
// end in an nsmlab::Error naming the source and what was refused.
#include <gtest/gtest.h>

#include "model/pickle_machine.h"
#include "model/torch_pickle.h"
#include "pickle_builder.h"
#include "safetensors_writer.h"

namespace nsmlab {
namespace {

using testing::error_of;
using testing::PickleBuilder;

TorchStatePickle read(const std::string& bytes) {
  return read_torch_state_pickle(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "evil.bin", false);
}

std::string refusal(const std::string& bytes) {
  return error_of([&] { read(bytes); });
}

void expect_refused(const std::string& bytes, std::initializer_list<const char*> words) {
  const std::string msg = refusal(bytes);
  EXPECT_NE(msg, "(no error)");
  EXPECT_NE(msg.find("evil.bin"), std::string::npos) << msg;
  for (const char* w : words) EXPECT_NE(msg.find(w), std::string::npos) << "missing '" << w << "' in: " << msg;
}

TEST(TorchPickle, ReadsAMinimalStateDict) {
  const std::string p = PickleBuilder().ordered_dict().str("w").tensor("FloatStorage", "0", 6, 1, {2, 2}, {2, 1}).op('s').stop();
  TorchStatePickle s = read(p);
  ASSERT_EQ(s.tensors.size(), 1u);
  EXPECT_EQ(s.tensors[0].name, "w");
  EXPECT_EQ(s.tensors[0].offset, 1u);
  EXPECT_EQ(s.tensors[0].shape, (std::vector<size_t>{2, 2}));
  ASSERT_EQ(s.storages.size(), 1u);
  EXPECT_EQ(s.storages[0].dtype_name, "F32");
  EXPECT_EQ(s.storages[0].numel, 6u);
}

TEST(TorchPickle, RefusesGlobalsThatRunCode) {
  for (const auto& [module, name] : std::vector<std::pair<std::string, std::string>>{
           {"os", "system"}, {"posix", "system"}, {"builtins", "eval"}, {"builtins", "exec"},
           {"builtins", "getattr"}, {"subprocess", "Popen"}, {"torch", "load"}, {"torch._utils", "_rebuild_qtensor"},
           {"collections", "defaultdict"}}) {
    const std::string p = PickleBuilder().global(module, name).mark().str("echo pwned").tuple().reduce().stop();
    expect_refused(p, {(module + "." + name).c_str(), "refusing"});
  }
}

TEST(TorchPickle, RefusesStackGlobalToo) {
  const std::string p = PickleBuilder().op('\x8c').raw(std::string(1, char(2))).raw("os").op('\x8c')
                            .raw(std::string(1, char(6))).raw("system").op('\x93').stop();
  expect_refused(p, {"os.system"});
}

TEST(TorchPickle, RefusesObjectBuildingOpcodes) {
  for (const auto& [bytes, name] : std::vector<std::pair<std::string, const char*>>{
           {"(cos\nsystem\nS'ls'\no.", "os.system"},   // protocol 0 object call: refused at its GLOBAL
           {"(S'ls'\nios\nsystem\n.", "STRING"},      // text STRING before INST
           {"\x80\x02)\x81.", "NEWOBJ"},
           {"\x80\x02\x82\x01.", "EXT1"},
           {"\x80\x02I1\n.", "INT"},
           {"\x80\x02\x8f.", "EMPTY_SET"},
           {"\x80\x02P1\n.", "PERSID"}}) {
    expect_refused(std::string(bytes), {name});
  }
}

TEST(TorchPickle, RefusesCallsOnCallResults) {
  // OrderedDict()() : the result of a call is not an allowed callable.
  expect_refused(PickleBuilder().ordered_dict().empty_tuple().reduce().stop(), {"calls a dict"});
  // A storage class used as a function.
  expect_refused(PickleBuilder().global("torch", "FloatStorage").empty_tuple().reduce().stop(), {"torch.FloatStorage"});
  // _rebuild_tensor_v2 given a tensor (a REDUCE result) where a storage belongs.
  const std::string nested = PickleBuilder()
                                 .ordered_dict().str("w").global("torch._utils", "_rebuild_tensor_v2").mark()
                                 .tensor("FloatStorage", "0", 4, 0, {4}, {1})
                                 .tensor_args(0, {4}, {1}).tuple().reduce().op('s').stop();
  expect_refused(nested, {"must be a storage"});
  // _rebuild_parameter of a dict.
  expect_refused(PickleBuilder().global("torch._utils", "_rebuild_parameter").mark().ordered_dict().op('\x89')
                     .ordered_dict().tuple().reduce().stop(), {"must be a tensor"});
  // OrderedDict called with items (a way to smuggle values through a call).
  expect_refused(PickleBuilder().global("collections", "OrderedDict").mark().str("x").tuple().reduce().stop(),
                 {"OrderedDict called with arguments"});
}

TEST(TorchPickle, RefusesHugeLengthsWithoutAllocating) {
  expect_refused(PickleBuilder().op('X').u32(0xffffffffu).raw("abc").stop(), {"truncated"});
  expect_refused(PickleBuilder().op('B').u32(0x7fffffffu).stop(), {"truncated"});
  expect_refused(std::string("\x80\x02T\xff\xff\xff\xff.", 8), {"negative"});
  // A storage of 2^31-1 elements: the tensor fits it, but the record (checked later) cannot.
  TorchStatePickle s = read(PickleBuilder().ordered_dict().str("w")
                                .tensor("FloatStorage", "0", 0x7fffffff, 0, {0x7fffffff}, {1}).op('s').stop());
  EXPECT_EQ(s.storages[0].numel, 0x7fffffffu);
}

TEST(TorchPickle, RefusesTensorsOutsideTheirStorage) {
  auto state = [](int32_t numel, int32_t offset, std::initializer_list<int32_t> sizes,
                  std::initializer_list<int32_t> strides) {
    return PickleBuilder().ordered_dict().str("w").tensor("FloatStorage", "0", numel, offset, sizes, strides).op('s').stop();
  };
  expect_refused(state(6, 0, {100}, {1}), {"reaches element 99", "holds 6"});
  expect_refused(state(6, 5, {2}, {1}), {"reaches element 6"});
  expect_refused(state(6, 0, {2, 3}, {4, 1}), {"reaches element 6"});             // strides past the end
  expect_refused(state(6, 0, {-1}, {1}), {"non-negative"});
  expect_refused(state(6, 0, {3}, {-1}), {"non-negative"});
  expect_refused(state(6, -2, {3}, {1}), {"non-negative"});
  expect_refused(state(6, 0, {0x7fffffff, 0x7fffffff, 0x7fffffff}, {1, 1, 1}), {"reaches"});
  expect_refused(state(6, 0, {2, 3}, {1}), {"dimensions"});
  EXPECT_EQ(read(state(6, 0, {0, 3}, {3, 1})).tensors[0].shape, (std::vector<size_t>{0, 3}));  // empty is fine
}

TEST(TorchPickle, RefusesBadPersistentIds) {
  auto with_key = [](const std::string& key) {
    return PickleBuilder().ordered_dict().str("w").global("torch._utils", "_rebuild_tensor_v2").mark()
        .mark().str("storage").global("torch", "FloatStorage").str(key).str("cpu").integer(4).tuple().op('Q')
        .tensor_args(0, {4}, {1}).tuple().reduce().op('s').stop();
  };
  expect_refused(with_key("../../etc/passwd"), {"storage key"});
  expect_refused(with_key(""), {"storage key"});
  expect_refused(PickleBuilder().mark().str("module").global("torch", "FloatStorage").tuple().op('Q').stop(),
                 {"persistent id"});
  // Same key, two sizes: which one is right?
  const std::string twice = PickleBuilder().ordered_dict().str("a").tensor("FloatStorage", "0", 4, 0, {4}, {1})
                                .str("b").tensor("FloatStorage", "0", 8, 0, {8}, {1}).op('s').op('s').stop();
  expect_refused(twice, {"declared twice"});
}

TEST(TorchPickle, BoundsNestingCyclesAndTheMemo) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += ']';
  for (int i = 0; i < 99; ++i) deep += 'a';
  expect_refused(PickleBuilder().raw(deep).stop(), {"nested deeper"});
  std::string marks(100, '(');
  expect_refused(PickleBuilder().raw(marks).stop(), {"MARK"});
  // A list appended to itself, then through a second list.
  expect_refused(PickleBuilder().op(']').op('q').raw(std::string(1, '\0')).op('h').raw(std::string(1, '\0')).op('a').stop(),
                 {"contain itself"});
  expect_refused(PickleBuilder().op(']').op('q').raw(std::string(1, '\0')).op(']').op('q').raw(std::string(1, '\1'))
                     .op('h').raw(std::string(1, '\0')).op('a').op('h').raw(std::string(1, '\0')).op('h')
                     .raw(std::string(1, '\1')).op('a').stop(),
                 {"already put inside"});
  expect_refused(PickleBuilder().op('j').u32(123456).stop(), {"memo entry 123456"});
  expect_refused(PickleBuilder().op('N').op('q').raw(std::string(1, '\0')).stop().substr(0, 5), {"without STOP"});
  std::string many;
  for (int i = 0; i < 70000; ++i) many += "N0";  // POP is not allowed either: refused at once
  expect_refused(PickleBuilder().raw(many).stop(), {"POP"});
}

TEST(TorchPickle, RefusesWhatIsNotAStateDict) {
  expect_refused(PickleBuilder().op(']').stop(), {"expected a dict of tensors"});
  expect_refused(PickleBuilder().op('}').integer(1).tensor("FloatStorage", "0", 1, 0, {1}, {1}).op('s').stop(),
                 {"not a string"});
  expect_refused(PickleBuilder().op('}').str("w").str("x").op('s').stop(), {"'w'", "expected a tensor"});
  expect_refused(PickleBuilder().op('}').mark().str("w").tensor("FloatStorage", "0", 1, 0, {1}, {1}).str("w")
                     .tensor("FloatStorage", "0", 1, 0, {1}, {1}).op('u').stop(), {"'w' twice"});
  expect_refused(PickleBuilder().op('}').op('N').op('b').stop(), {"BUILD"});
}

TEST(PickleMachine, PlainDataHooksRefuseEveryGlobal) {
  const std::string p = PickleBuilder().global("collections", "OrderedDict").stop();
  PlainDataHooks hooks("header.pkl");
  const std::string msg = error_of([&] {
    run_pickle(reinterpret_cast<const uint8_t*>(p.data()), p.size(), "header.pkl", hooks);
  });
  EXPECT_NE(msg.find("collections.OrderedDict"), std::string::npos) << msg;
}

}  // namespace
}  // namespace nsmlab
