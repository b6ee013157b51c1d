# One libFuzzer program per tests/fuzz/fuzz_<target>.cpp (included by cmake/Fuzzing.cmake once
# the module libraries exist).
# Each links only the module its parser lives in.
set(fuzz_modules
  fuzz_safetensors=nsmlab_model
  fuzz_torch_checkpoint=nsmlab_model
  fuzz_transformer_config=nsmlab_model
  fuzz_model_folder=nsmlab_model
  fuzz_tokenizer_json=nsmlab_tokenizer
  fuzz_encode_wordpiece=nsmlab_tokenizer
  fuzz_encode_unigram=nsmlab_tokenizer
  fuzz_encode_bpe=nsmlab_tokenizer
  fuzz_precompiled_charsmap=nsmlab_tokenizer
  fuzz_dataset=nsmlab_util
  fuzz_text_input=nsmlab_util
  fuzz_npy=nsmlab_util)
foreach(entry ${fuzz_modules})
  string(REPLACE "=" ";" parts ${entry})
  list(GET parts 0 target)
  list(GET parts 1 module)
  add_executable(${target} ${PROJECT_SOURCE_DIR}/tests/fuzz/${target}.cpp)
  target_link_libraries(${target} PRIVATE ${module})
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer)
  target_compile_definitions(${target} PRIVATE NSMLAB_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/fixtures")
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
endforeach()
# The dataset readers only need util: compiling their sources here spares the fuzz build
# the whole experiments module and everything it links (engine, nn, analysis, lexical).
file(GLOB dataset_readers ${PROJECT_SOURCE_DIR}/src/experiments/dataset*.cpp)
target_sources(fuzz_dataset PRIVATE ${dataset_readers})
target_include_directories(fuzz_dataset PRIVATE ${PROJECT_SOURCE_DIR}/src)
