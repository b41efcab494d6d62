#!/usr/bin/env bash
# The installed library, as a user of `make install` gets it: cmake --install
# of the build tree into a temporary DESTDIR; every installed file checked
# (the binary runs, the headers, both libraries, sparecap.pc, the man page;
# no test hook in the release ABI); then examples/plan_in_memory.c compiled
# with `pkg-config --cflags --libs sparecap` against the staged tree, linked
# with the shared library and, with `pkg-config --static`, with the static
# one, and run on the demo scenario: it must print its utilisation, a number
# from 0 to 1.
#
# Usage: test_install.sh CMAKE BUILD_DIR SOURCE_DIR CC [CFLAG...]
# The CFLAGs are those the library was built with that a program linking it
# needs too (the sanitizers of `make asan`). Exits 77 (skipped) only when
# pkg-config or the C compiler is missing.
set -u
cmake=$1 build=$2 src=$3 cc=$4
shift 4
command -v pkg-config > /dev/null || { echo "test_install: no pkg-config, skipped"; exit 77; }
command -v "$cc" > /dev/null || { echo "test_install: no C compiler ($cc), skipped"; exit 77; }

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
# not_grep PATTERN FILE: succeeds when FILE does not hold PATTERN.
not_grep() { ! grep -q -- "$1" "$2"; }

# cmake --install records what it installed in the build tree's
# install_manifest.txt, which `make uninstall` reads: keep the one there.
manifest=$build/install_manifest.txt
if [ -e "$manifest" ]; then cp "$manifest" "$tmp/manifest.saved"; fi
restore_manifest() {
  if [ -e "$tmp/manifest.saved" ]; then cp "$tmp/manifest.saved" "$manifest"; else rm -f "$manifest"; fi
}

stage=$tmp/stage
expect 0 "cmake --install into DESTDIR" env DESTDIR="$stage" "$cmake" --install "$build"
restore_manifest
pcfile=$(find "$stage" -name sparecap.pc -path '*/pkgconfig/*' | head -1)
if [ -z "$pcfile" ]; then
  echo "FAIL: no sparecap.pc installed under $stage"
  finish test_install
  exit 1
fi

# pkg-config on the staged tree: its prefix moved under DESTDIR. (The
# redefinition reaches jansson's file too, with --static: a -L to a missing
# directory, harmless, since jansson is where the system looks anyway.)
PKG_CONFIG_PATH=$(dirname "$pcfile")
export PKG_CONFIG_PATH
prefix=$(pkg-config --variable=prefix sparecap)
root=$stage$prefix
pc() { pkg-config --define-variable=prefix="$root" "$@" sparecap; }
libdir=$(pc --variable=libdir)
includedir=$(pc --variable=includedir)
version=$(pc --modversion)
check "sparecap.pc is in the staged libdir" test "$pcfile" = "$libdir/pkgconfig/sparecap.pc"
check "sparecap.pc: version is MAJOR.MINOR.PATCH ($version)" grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' <<< "$version"
read -r cflags <<< "$(pc --cflags)" # without pkg-config's trailing blank
read -r ldflags <<< "$(pc --libs)"
check "sparecap.pc: --cflags points into the staged tree" test "$cflags" = "-I$includedir"
check "sparecap.pc: --libs names the staged libdir" test "$ldflags" = "-L$libdir -lsparecap"
check "sparecap.pc: the staged tree is under DESTDIR" test "${includedir#"$stage"/}" != "$includedir"
check_grep '^Libs.private: -lglpk -lcsv -lm -lpthread$' "$pcfile" "sparecap.pc: Libs.private"
check_grep '^Requires.private: jansson nettle$' "$pcfile" "sparecap.pc: Requires.private"

# The binary.
expect 0 "the installed binary runs --version" "$root/bin/sparecap" --version
check "--version names the release of sparecap.pc" grep -q "^sparecap $version (" "$tmp/out"
expect 0 "the installed binary runs --help" "$root/bin/sparecap" --help

# The headers, in their layout, as in the source tree.
check "include/sparecap.h installed" cmp "$src/include/sparecap.h" "$includedir/sparecap.h"
check "include/sparecap/plan.h installed" cmp "$src/include/sparecap/plan.h" "$includedir/sparecap/plan.h"

# Both libraries; the shared one with its SONAME links.
check "libsparecap.a" test -f "$libdir/libsparecap.a"
check "libsparecap.so.$version" test -f "$libdir/libsparecap.so.$version" -a ! -L "$libdir/libsparecap.so.$version"
check "libsparecap.so.${version%%.*} links to it" \
  test "$(readlink "$libdir/libsparecap.so.${version%%.*}")" = "libsparecap.so.$version"
check "libsparecap.so links to the SONAME" \
  test "$(readlink "$libdir/libsparecap.so")" = "libsparecap.so.${version%%.*}"
if command -v readelf > /dev/null; then
  readelf -d "$libdir/libsparecap.so.$version" > "$tmp/dyn.txt" 2>&1
  check_grep "SONAME.*\[libsparecap.so.${version%%.*}\]" "$tmp/dyn.txt" "the shared library's SONAME"
fi
# The release ABI: sc_version exported, the test hooks of SC_TESTING absent.
if command -v nm > /dev/null; then
  nm -D --defined-only "$libdir/libsparecap.so" > "$tmp/nm.txt" 2>&1
  check_grep ' T sc_version$' "$tmp/nm.txt" "the shared library exports sc_version"
  for f in "$libdir/libsparecap.so" "$libdir/libsparecap.a" "$root/bin/sparecap"; do
    nm -A "$f" 2> /dev/null | grep -E 'sc__alloc_(fail_at|count)' > "$tmp/hooks.txt"
    check "no test hook in ${f#"$root"/}" test ! -s "$tmp/hooks.txt"
  done
fi

# The man page.
man1=$(find "$root" -path '*/man1/sparecap.1' | head -1)
check "share/man/man1/sparecap.1 installed" cmp "$src/docs/sparecap.1" "${man1:-/nonexistent}"
if command -v man > /dev/null && [ -n "$man1" ]; then
  MANWIDTH=80 man -l "$man1" > "$tmp/man.txt" 2> /dev/null
  check_grep "EXIT STATUS" "$tmp/man.txt" "the man page renders"
fi

# The example program, built against the staged tree alone.
scenario=$src/examples/jlr-chery-2026/scenario.json
orders=$src/examples/jlr-chery-2026/orders.csv
example=$src/examples/plan_in_memory.c
# pkg-config's words are meant to split.
# shellcheck disable=SC2046
expect 0 "plan_in_memory.c compiles and links the shared library" \
  "$cc" "$@" -std=c17 -Wall -Wextra -Werror -o "$tmp/pim_shared" "$example" $(pc --cflags --libs)
libs=$(pc --static --libs)
# shellcheck disable=SC2046,SC2086
expect 0 "plan_in_memory.c compiles and links the static library (pkg-config --static)" \
  "$cc" "$@" -std=c17 -Wall -Wextra -Werror -o "$tmp/pim_static" "$example" $(pc --cflags) \
  ${libs//-lsparecap/-l:libsparecap.a}
if command -v readelf > /dev/null; then
  readelf -d "$tmp/pim_shared" > "$tmp/shared.txt" 2>&1
  check_grep "NEEDED.*\[libsparecap.so.${version%%.*}\]" "$tmp/shared.txt" "the shared build needs libsparecap.so"
  readelf -d "$tmp/pim_static" > "$tmp/static.txt" 2>&1
  check "the static build needs no libsparecap.so" not_grep libsparecap "$tmp/static.txt"
fi

# check_utilisation NAME: the last command printed "utilisation X", 0 <= X <= 1.
check_utilisation() {
  local u
  u=$(awk '$1 == "utilisation" { print $2 }' "$tmp/out")
  check "$1 prints its utilisation ('${u}')" \
    awk -v u="$u" 'BEGIN { exit !(u ~ /^[0-9]+(\.[0-9]+)?$/ && u + 0 >= 0 && u + 0 <= 1) }'
}

expect 0 "plan_in_memory (shared) plans the demo scenario" \
  env LD_LIBRARY_PATH="$libdir" "$tmp/pim_shared" "$scenario" "$orders"
check_utilisation "plan_in_memory (shared)"
check_grep "^sparecap $version$" "$tmp/out" "plan_in_memory names the library's release"
check_grep "^line_days [1-9]" "$tmp/out" "plan_in_memory sequenced line-days"
cp "$tmp/out" "$tmp/shared.out"
expect 0 "plan_in_memory (static) plans the demo scenario" "$tmp/pim_static" "$scenario" "$orders"
check_utilisation "plan_in_memory (static)"
check "the static and shared builds print the same" cmp "$tmp/out" "$tmp/shared.out"
expect 1 "plan_in_memory, a missing scenario" "$tmp/pim_static" "$tmp/none.json" "$orders"
one_error "^plan_in_memory: error: .*none.json: cannot open"

finish test_install
