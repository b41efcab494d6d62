#!/usr/bin/env bash
# The benchmark runner, bench/run, on two small generated days: a table row
# per day and exit status 0; a second run with the same KEEP folder reuses
# what is kept and runs again only a day whose result is incomplete (no
# .check); usage and missing-folder errors. It runs searches of at most one
# second and asserts nothing about their speed.
# Usage: test_bench.sh PATH/TO/sparecap PATH/TO/bench
set -u
bin=$1
run=$2/run
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/set"
"$bin" gen --cars 30 --prev 5 --seed 1 -o "$tmp/set/d1" > /dev/null
"$bin" gen --cars 40 --prev 5 --seed 2 -o "$tmp/set/d2" > /dev/null
export SPARECAP=$bin

expect 2 "bench/run without arguments" "$run"
expect 1 "bench/run on a missing folder" "$run" "$tmp/none" 1
expect 0 "bench/run on two days" env KEEP="$tmp/keep" "$run" "$tmp/set" 1 2
check "the table has a valid row per day" test "$(grep -c '^| d[12] | .* | valid |$' "$tmp/out")" = 2
check "each day's result is kept" test -s "$tmp/keep/d1.check" -a -s "$tmp/keep/d2.json"
check "each kept result says where it ran" grep -q "sparecap " "$tmp/keep/d1.about"

# Again: d1 is complete and is not run; d2 lost its .check (as when a run is
# stopped between its files) and is run again.
touch -d @946684800 "$tmp/keep/d1.json" "$tmp/keep/d2.json"
rm "$tmp/keep/d2.check"
expect 0 "bench/run resumed" env KEEP="$tmp/keep" "$run" "$tmp/set" 1 2
check "the complete day was not run again" test "$(stat -c %Y "$tmp/keep/d1.json")" = 946684800
check "the incomplete day was run again" test "$(stat -c %Y "$tmp/keep/d2.json")" != 946684800
check "the resumed table has both rows" test "$(grep -c '| valid |$' "$tmp/out")" = 2

finish test_bench
