# The two commands a newcomer runs (as root on Debian 12): `make run` and `make test`.
BUILD ?= build
JOBS  ?= $(shell nproc)
NSMLAB = $(BUILD)/nsmlab
OUT   ?= nsmlab-out

.PHONY: all deps build run test bench fixtures clean

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

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

bench: build
	@tools/install-deps.sh --with-peers
	@tools/bench/run-all.sh $(BUILD)

# Regenerates every committed fixture that can be made on this machine (see tools/fixtures/).
fixtures:
	@tools/install-deps.sh --with-peers
	@tools/fixtures/regenerate.sh

clean:
	rm -rf $(BUILD)
