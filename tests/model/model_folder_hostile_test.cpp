// Hostile model folders: config values of the wrong type or range, module paths leading
// outside the folder, and files that are FIFOs or symlink loops.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "model/model_folder.h"
#include "safetensors_writer.h"
#include "util/atomic_file.h"

namespace nsmlab {
namespace {

namespace fs = std::filesystem;
using testing::error_of;
using testing::expect_contains;
using testing::edit_json;

TEST(ModelFolderHostile, ConfigIntegersMustBeIntegralInRangeAndNotBooleans) {
  // 1e30, 32.7 and true used to be converted silently.
  const std::string dir = testing::copy_fixture("bert-mean", "config_types");
  const std::string config = dir + "/config.json";
  const std::vector<std::pair<std::string, Json>> cases = {
      {"hidden_size", Json(1e30)},        {"hidden_size", Json(32.7)},  {"vocab_size", Json(true)},
      {"max_position_embeddings", Json(-5)}, {"pad_token_id", Json(true)}, {"type_vocab_size", Json(2.5)},
      {"num_hidden_layers", Json("2")},   {"pad_token_id", Json(4294967296.0)}};
  for (const auto& [field, value] : cases) {
    const std::string original = read_file(config);
    edit_json(config, [&, &field = field, &value = value](Json& j) { j[field] = value; });
    const std::string msg = error_of([&] { load_model_folder(dir); });
    expect_contains(msg, config);
    expect_contains(msg, "field '" + field + "' must be an integer");
    EXPECT_EQ(msg.find("NSt"), std::string::npos) << msg;
    write_file_atomic(config, original);
  }
  // An integral float is still an integer.
  edit_json(config, [](Json& j) { j["max_position_embeddings"] = 512.0; });
  EXPECT_EQ(load_model_folder(dir).config.max_position_embeddings, 512u);
}

TEST(ModelFolderHostile, PoolingFieldsAreTypeChecked) {
  const std::string dir = testing::copy_fixture("bert-mean", "pooling_types");
  const std::string pooling = dir + "/1_Pooling/config.json";
  edit_json(pooling, [](Json& j) { j["word_embedding_dimension"] = 32.5; });
  std::string msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, pooling);
  expect_contains(msg, "field 'word_embedding_dimension' must be an integer");
  edit_json(pooling, [](Json& j) {
    j["word_embedding_dimension"] = 32;
    j["pooling_mode_mean_tokens"] = 1;
  });
  msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, "field 'pooling_mode_mean_tokens' must be a boolean");
}

TEST(ModelFolderHostile, ModulePathsMustStayInsideTheFolder) {
  const std::string dir = testing::copy_fixture("bert-mean", "escape");
  // A folder outside the model folder that would be read if the path were followed.
  const std::string outside = testing::temp_dir("escape_outside");
  fs::copy(dir + "/1_Pooling", outside + "/1_Pooling", fs::copy_options::recursive);
  const std::string rel = "../" + fs::path(outside).filename().string() + "/1_Pooling";
  for (const std::string& bad : {rel, outside + "/1_Pooling", std::string("1_Pooling/../../x"), std::string("/etc")}) {
    edit_json(dir + "/modules.json", [&](Json& j) { j[1]["path"] = bad; });
    const std::string msg = error_of([&] { load_model_folder(dir); });
    expect_contains(msg, dir + "/modules.json");
    expect_contains(msg, "outside the model folder");
  }
  // Inside after normalisation is fine.
  edit_json(dir + "/modules.json", [](Json& j) { j[1]["path"] = "./x/../1_Pooling/"; });
  EXPECT_TRUE(load_model_folder(dir).pooling.mean);
}

TEST(ModelFolderHostile, FifoAndSymlinkLoopAreClearErrors) {
  const std::string dir = testing::copy_fixture("bert-mean", "fifo");
  fs::remove(dir + "/config.json");
  ASSERT_EQ(::mkfifo((dir + "/config.json").c_str(), 0600), 0);
  std::string msg = error_of([&] { load_model_folder(dir); });
  expect_contains(msg, dir + "/config.json");
  expect_contains(msg, "FIFO");

  const std::string loop = testing::copy_fixture("bert-mean", "loop");
  fs::remove(loop + "/config.json");
  fs::create_symlink(loop + "/config.json", loop + "/config.json");
  msg = error_of([&] { load_model_folder(loop); });  // was "internal error: filesystem error"
  expect_contains(msg, loop + "/config.json");
  expect_contains(msg, "symbolic links");
}

}  // namespace
}  // namespace nsmlab
