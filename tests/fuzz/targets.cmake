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
  fuzz_npy=nsmlab_util
  fuzz_offer_catalogue=nsmlab_model
  fuzz_bench_results=nsmlab_model
  fuzz_serve_request=nsmlab_util
  fuzz_run_metadata=nsmlab_backend)
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
# Likewise advise's readers and estimator (only util and model's TransformerConfig), and the
# serve module's request parser, without the engine behind them.
set(advise_readers offer_catalogue builtin_catalogue bench_results estimator work_model)
list(TRANSFORM advise_readers PREPEND ${PROJECT_SOURCE_DIR}/src/advise/)
list(TRANSFORM advise_readers APPEND .cpp)
foreach(target fuzz_offer_catalogue fuzz_bench_results)
  target_sources(${target} PRIVATE ${advise_readers} ${PROJECT_SOURCE_DIR}/src/backend/precision.cpp)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src)
endforeach()
target_sources(fuzz_serve_request PRIVATE ${PROJECT_SOURCE_DIR}/src/serve/embed_request.cpp)
target_include_directories(fuzz_serve_request PRIVATE ${PROJECT_SOURCE_DIR}/src)
# results.json's metadata reader, with the small pieces of engine and experiments it names.
target_sources(fuzz_run_metadata PRIVATE ${PROJECT_SOURCE_DIR}/src/experiments/metadata_result.cpp
               ${PROJECT_SOURCE_DIR}/src/experiments/result_fields.cpp ${PROJECT_SOURCE_DIR}/src/engine/long_text.cpp)
target_include_directories(fuzz_run_metadata PRIVATE ${PROJECT_SOURCE_DIR}/src)
