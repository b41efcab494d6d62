# The one-word commands. CMake is the source of truth; this file only
# drives it. See README.md.

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEBS := cmake gcc make pkg-config libcmocka-dev libglpk-dev libjansson-dev libcsv-dev nettle-dev procps
FUZZ_SECONDS ?= 20
BENCH_SECONDS ?= 1 10 60
BENCH_JOBS ?= 1
# Where `make install` puts sparecap: PREFIX is written into the build (the
# pkg-config file names it), DESTDIR only stages the files under a root.
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all deps build test asan fuzz bench format demo install uninstall clean

all: build

# Installs the missing Debian packages when run as root; otherwise prints
# the exact command to run.
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run:"; echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX) \
	  $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSC_SANITIZE=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS)

fuzz: deps
	@CC=clang cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=Debug -DSC_FUZZ=ON -DSC_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)-fuzz -j $(JOBS)
	@fuzz/run $(BUILD)-fuzz $(FUZZ_SECONDS)

# The whole benchmark into docs/BENCHMARKS.md: BENCH_SECONDS lists the time
# limits per ROADEF instance, BENCH_JOBS how many instances run at once.
bench: build
	@bench/suite -s "$(BENCH_SECONDS)" -j $(BENCH_JOBS)

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

# Plans the built-in scenario (JLR Halewood and Solihull with a Chery
# contract, 2026) into ./sparecap-demo/ and prints where the report is.
demo: build
	@$(BUILD)/sparecap demo

# The binary, the shared and static libraries, the headers, sparecap.pc and
# the man page, by CMake's install rules (CMakeLists.txt):
# make install PREFIX=/opt/sparecap DESTDIR=/tmp/stage
install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD)

# Removes the files the last install from $(BUILD) put in place, and the
# headers' directory include/sparecap when empty: CMake lists the files in
# install_manifest.txt, without DESTDIR, so give the same DESTDIR.
uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "nothing installed from $(BUILD)"; exit 1; }
	@sed 's|^|$(DESTDIR)|' $(BUILD)/install_manifest.txt | xargs -d '\n' rm -fv
	@sed -n 's|^\(.*/include/sparecap\)/[^/]*\.h$$|$(DESTDIR)\1|p' $(BUILD)/install_manifest.txt | \
	  sort -u | xargs -r -d '\n' rmdir -v --ignore-fail-on-non-empty
	@rm -f $(BUILD)/install_manifest.txt

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
