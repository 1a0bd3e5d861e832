# Thin driver over CMake (as neovim does): every real rule lives in CMakeLists.txt.
# make            build into build/
# make deps       install the packages this machine lacks (scripts/deps.sh: Debian, Ubuntu, Pi OS)
# make bench      deps, build, run the default suite, draw the charts (ARGS="..." adds run options)
# make test       deps, build and run the test suites
# make compare A=RUN_DIR B=RUN_DIR   compare runs from two (or more: C=, D=) machines
MAKEFLAGS += --no-print-directory
BUILD_DIR ?= build
BUILD_TYPE ?= Release
CMAKE ?= cmake
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

all: build

$(BUILD_DIR)/CMakeCache.txt:
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: $(BUILD_DIR)/CMakeCache.txt
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)

# bench and test check the packages first (silent and quick when none is missing), then build.
deps:
	@scripts/deps.sh

bench: deps
	@$(MAKE) build
	OMPSCALE_BENCH_ARGS='$(ARGS)' $(CMAKE) --build $(BUILD_DIR) --target bench

compare: build
	@test -n "$(A)" -a -n "$(B)" || { echo "usage: make compare A=RUN_DIR B=RUN_DIR [C=RUN_DIR D=RUN_DIR]" >&2; exit 2; }
	$(BUILD_DIR)/ompscale compare $(A) $(B) $(C) $(D)

test: deps
	@$(MAKE) build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

clean:
	-$(CMAKE) --build $(BUILD_DIR) --target clean

distclean:
	rm -rf $(BUILD_DIR)

.PHONY: all build deps bench compare test clean distclean
