# The two commands a newcomer runs (as root on Debian 12): `make run` and `make test`.
BUILD ?= build
JOBS  ?= $(shell nproc)
NSMLAB = $(BUILD)/nsmlab
OUT   ?= nsmlab-out

.PHONY: all deps build run test bench fixtures clean check-sanitizers fuzz python

all: build

deps:
	@tools/install-deps.sh

$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null

build: deps $(BUILD)/build.ninja
	@bash -o pipefail -c "cmake --build $(BUILD) -j $(JOBS) | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }"

# The main job: the three NSM-Greimas experiments on the built-in dataset, with the best
# model found on this machine (or the built-in lexical baseline when there is none).
run: build
	@$(NSMLAB) run $(if $(filter command line environment,$(origin OUT)),--output $(OUT))

# The Python module in-tree: `PYTHONPATH=build/python python3 -c "import nsmlab"` (README, Python).
python: deps $(BUILD)/build.ninja
	@bash -o pipefail -c "cmake --build $(BUILD) -j $(JOBS) --target nsmlab_python | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }"
	@echo "nsmlab: Python module in $(BUILD)/python (PYTHONPATH=$(BUILD)/python)"

# OpenMP threads that spin while they wait steal the core of the test running beside them
# (ctest -j runs several multi-threaded processes at once): tests wait passively.
TEST_ENV = OMP_WAIT_POLICY=passive

test: build
	@cd $(BUILD) && $(TEST_ENV) ctest --output-on-failure -j $(JOBS) --timeout 600

bench: build
	@tools/install-deps.sh --with-peers
	@tools/bench/run-all.sh $(BUILD)

# The whole test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (g++), in its
# own folder; any report fails the test that caused it. See docs/FUZZING.md.
ASAN_BUILD ?= build-asan
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tools/sanitizers/lsan.supp:print_suppressions=0

$(ASAN_BUILD)/build.ninja: | deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DNSMLAB_SANITIZE=address,undefined \
	  -DNSMLAB_BUILD_BENCH=OFF >/dev/null

# SANITIZE_TARGETS="nsmlab_util_tests nsmlab_model_tests ..." builds and runs only those test
# programs (the parsers' subset in docs/FUZZING.md); empty: everything, CLI scripts included.
SANITIZE_TARGETS ?=
check-sanitizers: deps $(ASAN_BUILD)/build.ninja
	@$(SANITIZER_ENV) bash -o pipefail -c "cmake --build $(ASAN_BUILD) -j $(JOBS) $(if $(SANITIZE_TARGETS),--target $(SANITIZE_TARGETS)) | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }"
	@cd $(ASAN_BUILD) && $(SANITIZER_ENV) $(TEST_ENV) ctest --output-on-failure -j $(JOBS) --timeout 1200 $(if $(SANITIZE_TARGETS),-E '_NOT_BUILT|^(cli|sklearn|python)[.]')

# libFuzzer on every parser of untrusted input (clang++, ASan + UBSan): each target runs
# FUZZ_SECONDS from its committed seed corpus (tests/fuzz/corpus/<target>/); new inputs go to
# $(FUZZ_BUILD)/corpus/<target>/ and crashes to $(FUZZ_BUILD)/crashes/<target>/.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= $(notdir $(basename $(wildcard tests/fuzz/fuzz_*.cpp)))

$(FUZZ_BUILD)/build.ninja:
	@tools/install-deps.sh --with-fuzz
	@CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DNSMLAB_FUZZ=ON \
	  -DNSMLAB_BUILD_TESTS=OFF -DNSMLAB_BUILD_BENCH=OFF >/dev/null

fuzz: $(FUZZ_BUILD)/build.ninja
	@bash -o pipefail -c "cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS) | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }"
	@tests/fuzz/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Regenerates every committed fixture that can be made on this machine (see tools/fixtures/).
fixtures:
	@tools/install-deps.sh --with-peers
	@tools/fixtures/regenerate.sh

clean:
	rm -rf $(BUILD)
