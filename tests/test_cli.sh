#!/usr/bin/env bash
# The command line: every exit code, byte-identical output under --effort,
# and Ctrl-C writing a valid solution. Usage: test_cli.sh PATH/TO/sparecap
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

inst=$tmp/inst
expect 0 "gen" "$bin" gen --cars 120 --prev 10 --seed 4 -o "$inst"
# The file order of a generated day is a valid solution.
tail -n +2 "$inst/vehicles.txt" | tr -d '\r' | awk -F';' 'NF > 2 && ++n > 10 { print (n - 10) ";" $3 }' > "$tmp/order.txt"

# usage errors: 2
expect 2 "no command" "$bin"
expect 2 "unknown command" "$bin" frobnicate
expect 2 "check without arguments" "$bin" check
expect 2 "check, unknown option" "$bin" check --nope "$inst" "$tmp/order.txt"
expect 2 "sequence without instance" "$bin" sequence
expect 2 "sequence, bad time" "$bin" sequence "$inst" -t abc
expect 2 "sequence, bad threads" "$bin" sequence "$inst" --threads 0
expect 2 "sequence, --time 0 without effort" "$bin" sequence "$inst" -t 0
expect 2 "gen, bad cars" "$bin" gen --cars -5 -o "$tmp/x"
expect 2 "gen, --cars without its value" "$bin" gen --cars
check_grep "'--cars' expects a value" "$tmp/err" "the usage error says: '--cars' expects a value"
expect 2 "sequence, -t without its value" "$bin" sequence "$inst" -t
check_grep "'-t' expects a value" "$tmp/err" "the usage error says: '-t' expects a value"
expect 2 "sequence, unknown short option" "$bin" sequence "$inst" -z
check_grep "unknown option '-z'" "$tmp/err" "the usage error says: unknown option '-z'"
expect 0 "help" "$bin" --help
expect 0 "--version" "$bin" --version
check "--version names the release and the commit built from" \
  grep -Eq '^sparecap [0-9]+\.[0-9]+\.[0-9]+ \(([0-9a-f]{7,}(-dirty)?|unknown)\)$' "$tmp/out"
expect 0 "sequence --help" "$bin" sequence --help
expect 0 "check --help" "$bin" check --help

# gen into an existing directory: only with --force, and only over an instance
expect 1 "gen over an instance" "$bin" gen --cars 30 -o "$inst"
one_error "already exists (--force replaces an instance)"
cp -r "$inst" "$tmp/inst2"
expect 0 "gen --force over an instance" "$bin" gen --cars 30 --seed 4 -o "$tmp/inst2" --force
check "gen --force wrote the new instance" grep -q "30 cars" "$tmp/out"
touch "$tmp/inst2/notes.txt"
expect 1 "gen --force over a directory with another file" "$bin" gen --cars 30 -o "$tmp/inst2" --force
one_error "holds 'notes.txt', which is not part of an instance; not replaced"
check "the other file is kept" test -e "$tmp/inst2/notes.txt"
expect 1 "gen --force over a file" "$bin" gen --cars 30 -o "$tmp/order.txt" --force
one_error "exists and is not a directory"

# check: 0 valid, 1 invalid or unreadable
expect 0 "check file order" "$bin" check "$inst" "$tmp/order.txt"
check_grep "valid" "$tmp/out" "check prints valid"
expect 0 "check --json" "$bin" check --json "$inst" "$tmp/order.txt"
check_grep '"valid":true' "$tmp/out" "check --json prints valid:true"
check_grep '"bound":{"hprc":[0-9]*,"colour_changes":[0-9]*,"lprc":[0-9]*,"total":' "$tmp/out" \
  "check --json prints the bound of each objective"
check_grep '"gap":{"hprc":[0-9]*,' "$tmp/out" "check --json prints the gap"
expect 0 "check, text" "$bin" check "$inst" "$tmp/order.txt"
check_grep "lower bound; gap" "$tmp/out" "check prints the bounds as text"
head -n 5 "$tmp/order.txt" > "$tmp/short.txt"
expect 1 "check, cars missing" "$bin" check "$inst" "$tmp/short.txt"
check_grep "short.txt" "$tmp/err" "error names the solution file"
sed '2s/;.*/;NOSUCHCAR/' "$tmp/order.txt" > "$tmp/unknown.txt"
expect 1 "check, unknown car" "$bin" check "$inst" "$tmp/unknown.txt"
check_grep "unknown.txt:2:" "$tmp/err" "error names file and line"
expect 1 "check, missing instance" "$bin" check "$tmp/none" "$tmp/order.txt"
expect 1 "check, missing solution" "$bin" check "$inst" "$tmp/none.txt"
# A solution that breaks the batch limit: all cars of the most common colour first.
awk -F';' 'NR > 1 && ++n > 10 { print $4 ";" $3 }' "$inst/vehicles.txt" | sort -t';' -k1,1 -s |
  awk -F';' '{ print NR ";" $2 }' > "$tmp/sorted.txt"
expect 1 "check, batch limit broken" "$bin" check "$inst" "$tmp/sorted.txt"
check_grep "batch limit" "$tmp/err" "batch-limit error message"

# sequence: valid output, byte-identical under --effort
expect 0 "sequence --effort" "$bin" sequence "$inst" --effort 200000 --seed 3 -o "$tmp/s1.txt"
expect 0 "sequence --effort again" "$bin" sequence "$inst" --effort 200000 --seed 3 -o "$tmp/s2.txt"
if cmp -s "$tmp/s1.txt" "$tmp/s2.txt"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: --effort output differs"; fi
expect 0 "check sequence output" "$bin" check "$inst" "$tmp/s1.txt"
expect 0 "sequence to stdout" "$bin" sequence "$inst" --effort 1000 -q
if cmp -s "$tmp/out" <("$bin" sequence "$inst" --effort 1000 -q); then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: stdout output differs"; fi
expect 0 "sequence --json" "$bin" sequence "$inst" --effort 1000 --json -o "$tmp/s3.txt"
check_grep '"moves":' "$tmp/out" "--json prints moves"
check_grep '"bound":{' "$tmp/out" "sequence --json prints the bounds"
check_grep '"total_share":' "$tmp/out" "sequence --json prints the gap's share"
# A day no order can keep within the batch limit (every car one colour): 3,
# the best sequence written all the same, and why.
cp -r "$inst" "$tmp/onecolour"
awk -F';' 'BEGIN { OFS = ";" } NR > 1 { $4 = 1 } { print }' "$inst/vehicles.txt" > "$tmp/onecolour/vehicles.txt"
expect 3 "sequence, batch limit cannot hold" "$bin" sequence "$tmp/onecolour" --effort 1000 -o "$tmp/s5.txt"
check_grep "no sequence found that obeys the hard constraints" "$tmp/err" "exit 3 says why"
check "the sequence is written all the same" test -s "$tmp/s5.txt"
expect 1 "check finds it breaks the limit" "$bin" check "$tmp/onecolour" "$tmp/s5.txt"
# --json needs -o; on a terminal the progress line shows the objectives.
expect 2 "sequence --json to standard output" "$bin" sequence "$inst" --effort 1000 --json
if command -v script > /dev/null; then
  script -qc "'$bin' sequence '$inst' -t 0.6 -o '$tmp/s6.txt'" /dev/null > "$tmp/tty.txt" 2>&1
  check_grep "moves/s" "$tmp/tty.txt" "progress on a terminal"
fi
expect 0 "sequence, two threads" "$bin" sequence "$inst" -t 0.3 --threads 2 -o "$tmp/s4.txt"
expect 0 "check two-thread output" "$bin" check "$inst" "$tmp/s4.txt"
expect 1 "sequence, missing instance" "$bin" sequence "$tmp/none" -t 1
# An unwritable output: nothing half-written, exit 1.
expect 1 "sequence, unwritable output" "$bin" sequence "$inst" --effort 1000 -o "$tmp/nodir/s.txt"
expect 1 "sequence, output is a directory" "$bin" sequence "$inst" --effort 1000 -o "$tmp"
check_grep "is a directory" "$tmp/err" "a directory as output is named"
# ... and found before the search, not after it: with a 600 s budget the
# command would otherwise run for ten minutes (timeout stops it at 60 s,
# exit 124) and lose its sequence.
expect 1 "sequence into a missing directory fails at once" \
  timeout 60 "$bin" sequence "$inst" -t 600 --json -o "$tmp/nodir/s.txt"
one_error "^sparecap: error: $tmp/nodir/s.txt: cannot write: No such file or directory$"
check "nothing on standard output" test ! -s "$tmp/out"
expect 1 "sequence into a directory fails at once" timeout 60 "$bin" sequence "$inst" -t 600 -o "$tmp"
one_error "^sparecap: error: $tmp: cannot write: is a directory$"
expect 1 "sequence below a file fails at once" \
  timeout 60 "$bin" sequence "$inst" -t 600 -o "$tmp/order.txt/s.txt"
one_error "cannot write: Not a directory$"
expect 1 "sequence, bad -o and a missing instance: the output is checked first" \
  "$bin" sequence "$tmp/none" -t 1 -o "$tmp/nodir/s.txt"
one_error "nodir/s.txt: cannot write"
# A directory without write permission (root may write anyway: skipped).
if [ "$(id -u)" != 0 ]; then
  mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
  expect 1 "sequence into a read-only directory fails at once" \
    timeout 60 "$bin" sequence "$inst" -t 600 -o "$tmp/ro/s.txt"
  one_error "^sparecap: error: $tmp/ro/s.txt: cannot write: Permission denied$"
  chmod 755 "$tmp/ro"
fi
# The solution file gets the mode the umask gives (0666 less the umask), as
# any other tool's output does, whether it is new or replaces a file.
for mask in 022:644 077:600 027:640; do
  rm -f "$tmp/mode.txt"
  expect 0 "sequence under umask ${mask%:*}" \
    bash -c "umask ${mask%:*} && exec \"\$@\"" _ "$bin" sequence "$inst" --effort 1000 -o "$tmp/mode.txt"
  check "umask ${mask%:*}: the solution file is ${mask#*:}" test "$(stat -c %a "$tmp/mode.txt")" = "${mask#*:}"
done
expect 0 "sequence over a file under umask 022" \
  bash -c 'umask 022 && exec "$@"' _ "$bin" sequence "$inst" --effort 1000 -o "$tmp/mode.txt"
check "a replaced solution file is 644 under umask 022" test "$(stat -c %a "$tmp/mode.txt")" = 644

# A device or a pipe is written in place, never replaced by a file.
mkfifo "$tmp/fifo"
cat "$tmp/fifo" > "$tmp/fromfifo" &
expect 0 "sequence into a pipe" "$bin" sequence "$inst" --effort 1000 --seed 3 -o "$tmp/fifo"
wait
if [ -p "$tmp/fifo" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: the pipe was replaced"; fi
expect 0 "check what came through the pipe" "$bin" check "$inst" "$tmp/fromfifo"

# Ctrl-C: the best sequence so far is written, and it is valid.
"$bin" sequence "$inst" -t 600 -q -o "$tmp/int.txt" 2> "$tmp/int.err" &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
code=$?
if [ "$code" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: interrupted sequence exit $code"; fi
expect 0 "check interrupted output" "$bin" check "$inst" "$tmp/int.txt"
ls "$tmp" | grep -q tmp && { fail=$((fail + 1)); echo "FAIL: temporary file left behind"; } || pass=$((pass + 1))

# gen --hard: a CSPLib file of the hard class, the same for the same seed,
# which sequence and check read; an existing file only with --force.
expect 0 "gen --hard" "$bin" gen --hard --cars 200 --seed 5 -o "$tmp/hard1.txt"
expect 0 "gen --hard again" "$bin" gen --hard --cars 200 --seed 5 -o "$tmp/hard2.txt"
check "gen --hard is deterministic" cmp "$tmp/hard1.txt" "$tmp/hard2.txt"
check "gen --hard writes five rules" grep -qx "1 2 1 2 1" "$tmp/hard1.txt"
expect 1 "gen --hard over a file" "$bin" gen --hard --cars 200 --seed 6 -o "$tmp/hard2.txt"
expect 0 "gen --hard --force" "$bin" gen --hard --cars 200 --seed 6 -o "$tmp/hard2.txt" --force
check "another seed, another instance" test -n "$(cmp "$tmp/hard1.txt" "$tmp/hard2.txt" 2>&1)"
expect 0 "sequence a hard-class instance" "$bin" sequence "$tmp/hard1.txt" --effort 20000 -o "$tmp/hard1.sol"
expect 0 "check a hard-class solution" "$bin" check "$tmp/hard1.txt" "$tmp/hard1.sol"

# Limits at any size. A million cars (five options, four classes, the
# CSPLib layout) with -t 1: the run ends, exit 0, and the solution is valid.
# 'timeout' only keeps a broken build from hanging the suite; it is far
# above what the run needs, so this is not a timing test.
awk 'BEGIN { print "1000000 5 4"; print "1 2 1 2 1"; print "2 3 3 5 5";
  print "0 400000 1 0 0 0 0"; print "1 300000 0 1 0 1 0"; print "2 200000 0 0 1 0 1";
  print "3 100000 1 1 0 0 0" }' > "$tmp/million.txt"
expect 0 "sequence, a million cars, -t 1" timeout 120 "$bin" sequence "$tmp/million.txt" -t 1 -q \
  -o "$tmp/million.sol"
expect 0 "check the million-car solution" "$bin" check "$tmp/million.txt" "$tmp/million.sol"
# --effort below the number of cars stops the construction: the input order.
expect 0 "sequence, a million cars, small effort" timeout 120 "$bin" sequence "$tmp/million.txt" \
  --effort 1000 --json -o "$tmp/million2.sol"
check_grep '"construction_stopped":true' "$tmp/out" "the effort stopped the construction"
expect 0 "check the effort-limited solution" "$bin" check "$tmp/million.txt" "$tmp/million2.sol"

# SIGINT while a large day is read or constructed: the input order or the
# construction's sequence is written, valid.
expect 0 "gen a large day" "$bin" gen --cars 200000 --options 64 --high 20 --colours 20 -o "$tmp/large"
"$bin" sequence "$tmp/large" -t 600 --json -o "$tmp/large.sol" > "$tmp/large.json" 2> "$tmp/large.err" &
pid=$!
sleep 0.3
kill -INT "$pid"
wait "$pid"
code=$?
if [ "$code" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: SIGINT on a large day: exit $code"; fi
check_grep '"interrupted":true' "$tmp/large.json" "the large run says it was interrupted"
expect 0 "check the interrupted large-day solution" "$bin" check "$tmp/large" "$tmp/large.sol"
# SIGTERM likewise.
"$bin" sequence "$tmp/large" -t 600 -q -o "$tmp/large2.sol" 2> /dev/null &
pid=$!
sleep 0.3
kill -TERM "$pid"
wait "$pid"
code=$?
if [ "$code" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: SIGTERM on a large day: exit $code"; fi
expect 0 "check the SIGTERM solution" "$bin" check "$tmp/large" "$tmp/large2.sol"

finish test_cli
