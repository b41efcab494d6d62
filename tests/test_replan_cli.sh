#!/usr/bin/env bash
# sparecap replan and demo --outage from the command line: every exit code,
# one error line naming the file, line or argument at fault, nothing written
# on bad input, the frozen horizon's rows of sequences.csv as published,
# no row on a down line, the same files twice.
# Usage: test_replan_cli.sh PATH/TO/sparecap PATH/TO/tests/data
set -u
bin=$1
data=$2/replan
. "$(dirname "$0")/lib.sh"

s=$data/scenario.json
o=$data/orders.csv
fast="--effort 2 --mip-nodes 200 --threads 2"
"$bin" plan $s $o -o "$tmp/base" -q --effort 2 --mip-nodes 200 || { echo "FAIL: baseline"; exit 1; }

# usage errors: 2
expect 2 "no arguments" "$bin" replan
expect 2 "no -o" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21..2026-09-25
expect 2 "no outage, no --from" "$bin" replan "$tmp/base" $s $o -o "$tmp/r"
expect 2 "two files" "$bin" replan "$tmp/base" $s --outage E1:2026-09-21 -o "$tmp/r"
expect 2 "bad --frozen" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 --frozen x -o "$tmp/r"
expect 2 "bad --shift-cost" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 --shift-cost -3 -o "$tmp/r"
expect 2 "unknown option" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 --frob -o "$tmp/r"
expect 2 "-o is PLAN_DIR" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 -o "$tmp/base"
expect 2 "malformed --outage" "$bin" replan "$tmp/base" $s $o --outage 2026-09-21 -o "$tmp/r"
check "malformed --outage named" grep -q "^sparecap: replan: --outage '2026-09-21': expected WHAT:FROM..TO or WHAT:DATE" "$tmp/err"
expect 2 "malformed --extra-shift" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 --extra-shift E1: -o "$tmp/r"
expect 2 "unknown brand" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 --brand Gamma -o "$tmp/r"
expect 0 "replan --help" "$bin" replan --help
check "help names diff.csv" grep -q "diff.csv" "$tmp/out"

# bad input: 1, one line, nothing written
expect 1 "unknown line" "$bin" replan "$tmp/base" $s $o --outage North:2026-09-21..2026-09-25 -o "$tmp/r"
one_error "^sparecap: error: outage of 'North' from 2026-09-21 to 2026-09-25: no line or plant called 'North' (East (E1, E2); West (W1))$"
check "nothing written" test ! -e "$tmp/r"
expect 1 "-o in a missing directory, before reading" "$bin" replan "$tmp/none" $s $o --outage E1:2026-09-21 -o "$tmp/no/r"
one_error "^sparecap: error: $tmp/no/r: cannot write: No such file or directory$"
expect 1 "reversed dates" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-25..2026-09-21 -o "$tmp/r"
one_error "the dates are reversed (2026-09-21 is before 2026-09-25)"
expect 1 "outside the horizon" "$bin" replan "$tmp/base" $s $o --outage West:2026-10-20..2026-11-02 -o "$tmp/r"
one_error "2026-11-02 is outside the horizon (2026-08-31 to 2026-10-25)"
expect 1 "bad --from" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21 --from 2026-02-30 -o "$tmp/r"
one_error "the first day to replan, '2026-02-30': expected a date YYYY-MM-DD"
expect 1 "shift on a down day" "$bin" replan "$tmp/base" $s $o --outage E1:2026-09-21..2026-10-02 --extra-shift E1:2026-09-30 -o "$tmp/r"
one_error "2026-09-30 is not possible: its line is down that day"
expect 1 "not a plan" "$bin" replan "$tmp" $s $o --outage E1:2026-09-21 -o "$tmp/r"
one_error "not a sparecap plan directory (no manifest.json, no plan.json)"
mkdir "$tmp/other"
cp "$tmp"/base/* "$tmp/other/"
sed -i 's/^E2,2026-09-01,1,/E7,2026-09-01,1,/' "$tmp/other/sequences.csv"
expect 1 "an edited byte" "$bin" replan "$tmp/other" $s $o --outage E1:2026-09-21 -o "$tmp/r"
one_error "other/sequences.csv: its SHA-256 is not the manifest's (the size, [0-9,]* bytes, is): the file was edited, or comes from another plan$"
head -n 2000 $o > "$tmp/fewer.csv"
expect 1 "other orders" "$bin" replan "$tmp/base" $s "$tmp/fewer.csv" --outage E1:2026-09-21 -o "$tmp/r"
one_error "is not one of the scenario's orders: the plan was made from other orders"
"$bin" plan $s $o -o "$tmp/beta" -q --brand Beta --effort 2 --mip-nodes 200
expect 1 "a brand's view" "$bin" replan "$tmp/beta" $s $o --outage E1:2026-09-21 -o "$tmp/r"
one_error "beta/manifest.json: the plan was written for brand Beta; a replan needs the host's full view$"
# A published plan is whole or refused: cut, mixed, incomplete, without a
# manifest. One line naming the file; nothing written.
bad_plan() { # NAME PATTERN: replans $tmp/NAME, expects exit 1 and one error
  expect 1 "$1" "$bin" replan "$tmp/$1" --outage E1:2026-09-21 -o "$tmp/r"
  one_error "$2"
  check "$1: nothing written" test ! -e "$tmp/r"
}
fresh() { rm -rf "$tmp/$1"; mkdir "$tmp/$1"; cp "$tmp"/base/* "$tmp/$1/"; }
fresh cutseq; head -n 300 "$tmp/base/sequences.csv" > "$tmp/cutseq/sequences.csv"
bad_plan cutseq "^sparecap: error: $tmp/cutseq/sequences.csv: [0-9,]* bytes, the manifest says [0-9,]*: the file was cut short, edited, or comes from another plan$"
fresh cutjson; head -c 20000 "$tmp/base/plan.json" > "$tmp/cutjson/plan.json"
bad_plan cutjson "^sparecap: error: $tmp/cutjson/plan.json: 20,000 bytes, the manifest says [0-9,]*: the file was cut short"
"$bin" plan $s $o -o "$tmp/seed2" -q --effort 2 --mip-nodes 200 --seed 2
fresh mixed; cp "$tmp/seed2/sequences.csv" "$tmp/mixed/"
bad_plan mixed "^sparecap: error: $tmp/mixed/sequences.csv: .*comes from another plan$"
fresh noledger; rm "$tmp/noledger/ledger.csv"
bad_plan noledger "^sparecap: error: $tmp/noledger/ledger.csv: missing: the manifest lists it"
fresh extra; echo hello > "$tmp/extra/notes.txt"
bad_plan extra "^sparecap: error: $tmp/extra/notes.txt: not in the manifest"
fresh nomanifest; rm "$tmp/nomanifest/manifest.json"
bad_plan nomanifest "^sparecap: error: $tmp/nomanifest/manifest.json: missing: a published plan lists its files in a manifest, and this one has none"
fresh badmanifest; printf '{"sparecap":' > "$tmp/badmanifest/manifest.json"
bad_plan badmanifest "^sparecap: error: $tmp/badmanifest/manifest.json:1:.* not a sparecap manifest"
# plan.json laid out again (a space after each comma) is still plan.json, but
# not the published one (test_baseline replans one pretty-printed whose
# manifest is rewritten to match).
fresh pretty; sed 's/,"/, "/g' "$tmp/base/plan.json" > "$tmp/pretty/plan.json"
bad_plan pretty "^sparecap: error: $tmp/pretty/plan.json: .*the manifest says"
check "still nothing written" test ! -e "$tmp/r"

# a replan: 0; the frozen horizon as published; nothing on a down line
expect 0 "replan" "$bin" replan "$tmp/base" $s $o --outage East:2026-09-21..2026-10-02 --frozen 3 -o "$tmp/r" $fast
check "diff.csv written" test -s "$tmp/r/diff.csv"
check "summary names the carried cars" grep -q "^carried    .* cars were published for days their line is down" "$tmp/out"
check "summary: back on plan" grep -q "^E1  .*builds again 2026-10-05" "$tmp/out"
awk -F, 'NR > 1 && $2 < "2026-09-21"' "$tmp/base/sequences.csv" > "$tmp/a"
awk -F, 'NR > 1 && $2 < "2026-09-21"' "$tmp/r/sequences.csv" > "$tmp/b"
check "before --from: the same rows" cmp "$tmp/a" "$tmp/b"
awk -F, 'NR > 1 && $2 >= "2026-09-21" && $2 < "2026-09-24" && $1 == "W1"' "$tmp/base/sequences.csv" > "$tmp/a"
awk -F, 'NR > 1 && $2 >= "2026-09-21" && $2 < "2026-09-24" && $1 == "W1"' "$tmp/r/sequences.csv" > "$tmp/b"
check "frozen horizon on the line that runs: the same rows" cmp "$tmp/a" "$tmp/b"
check "frozen rows are there" test -s "$tmp/a"
check "no row on a down line" test -z "$(awk -F, '($1 == "E1" || $1 == "E2") && $2 >= "2026-09-21" && $2 <= "2026-10-02"' "$tmp/r/sequences.csv")"
check "plan.json has the replan" grep -q '^"replan":{"from":"2026-09-21","frozen_days":3' "$tmp/r/plan.json"
check "report compares" grep -q "Replan after a disruption: before and after" "$tmp/r/report.html"
# the same files twice, whatever the threads
expect 0 "replan again" "$bin" replan "$tmp/base" $s $o --outage East:2026-09-21..2026-10-02 --frozen 3 -o "$tmp/r2" --effort 2 --mip-nodes 200 --threads 1 -q
for f in plan.json sequences.csv diff.csv report.html ledger.csv allocation.csv late.csv unplanned.csv; do
  check "same $f twice" cmp "$tmp/r/$f" "$tmp/r2/$f"
done
# --json
# PLAN_DIR alone: the plan keeps its scenario and orders; the same plan as with them given.
expect 0 "replan PLAN_DIR alone" "$bin" replan "$tmp/base" --outage East:2026-09-21..2026-10-02 --frozen 3 -o "$tmp/r4" --effort 2 --mip-nodes 200 --threads 1 -q
check "PLAN_DIR alone: same sequences" cmp "$tmp/r2/sequences.csv" "$tmp/r4/sequences.csv"
check "PLAN_DIR alone: same diff" cmp "$tmp/r2/diff.csv" "$tmp/r4/diff.csv"
expect 0 "replan --json" "$bin" replan "$tmp/base" $s $o --outage W1:2026-10-07 --from 2026-10-05 -o "$tmp/r3" $fast --json
check "json summary: plan.json's names" grep -q '^{"sparecap":"[^"]*","view":"host",.*"kpis":{"capacity":.*"replan":{"from":"2026-10-05",.*"sequence_accuracy":.*"run":{"seconds":{"read":' "$tmp/out"
check "json summary is one object" test "$(wc -l < "$tmp/out")" = 1
expect 0 "replan --json --brand" "$bin" replan "$tmp/base" $s $o --outage W1:2026-10-07 --from 2026-10-05 -o "$tmp/r5" $fast --json --brand Alpha
check "a brand's json summary: its view" grep -q '^{"sparecap":"[^"]*","view":{"brand":"Alpha"},' "$tmp/out"
check "a brand's json summary: no MIP, no host cars" sh -c "! grep -q '\"mip\"' '$tmp/out' && grep -q '\"host_cars\":0,' '$tmp/out'"

# demo --outage (a small effort, to stay quick)
(cd "$tmp" && "$bin" demo --outage --effort 1 --mip-nodes 200 --threads 2 > demo.out 2> demo.err)
code=$?
if [ $code = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: demo --outage: exit $code"; head -3 "$tmp/demo.err"; fi
check "demo wrote the plan" test -s "$tmp/sparecap-demo/report.html"
check "demo wrote the replan" test -s "$tmp/sparecap-demo-outage/diff.csv"
check "demo's replan: both plants down five weeks" grep -q "^outages    Halewood:2026-09-01..2026-10-05; Solihull:2026-09-01..2026-10-05$" "$tmp/demo.out"
check "demo's replan report" grep -q "Replan after a disruption" "$tmp/sparecap-demo-outage/report.html"

# The host's cars of the old plan their week can no longer build: counted; caught up with a value.
expect 2 "demo --catch-up without --outage" "$bin" demo --catch-up 5 -o "$tmp/d"
expect 2 "demo --catch-up without its value" "$bin" demo --outage --catch-up
expect 2 "demo, bad --catch-up" "$bin" demo --outage --catch-up x -o "$tmp/d"
expect 2 "bad --catch-up" "$bin" replan "$tmp/base" --outage East:2026-09-21..2026-10-02 --catch-up -5 -o "$tmp/r"
expect 0 "replan, no catch-up value" "$bin" replan "$tmp/base" --outage East:2026-09-21..2026-10-02 --frozen 3 -o "$tmp/cu0" $fast
check "the demand owed is counted" grep -q "^catch-up   .* host cars of the old plan their week can no longer build; 0 built in later weeks (no --catch-up value)$" "$tmp/out"
expect 0 "replan --catch-up" "$bin" replan "$tmp/base" --outage East:2026-09-21..2026-10-02 --frozen 3 --catch-up 1000000 -o "$tmp/cu1" $fast
check "some of it is built later" grep -Eq "^catch-up   .*; [1-9][0-9,]* built in later weeks$" "$tmp/out"
check "plan.json counts it" grep -q '"host_catch_up":{"value":1000000' "$tmp/cu1/plan.json"
check "the report has its card" grep -q 'Host demand caught up' "$tmp/cu1/report.html"
expect 0 "a brand's view of it" "$bin" replan "$tmp/base" --outage East:2026-09-21..2026-10-02 --frozen 3 --catch-up 1000000 --brand Alpha -o "$tmp/cu2" $fast
check "a brand is not shown the host's catch-up" sh -c "! grep -q host_catch_up '$tmp/cu2/plan.json' && ! grep -q '^catch-up' '$tmp/out' && ! grep -q 'Host demand caught up' '$tmp/cu2/report.html'"

# Names are text in the reports, never markup.
mkdir -p "$tmp/mark"
sed 's/"Beta"/"Beta<b>\&"/g' $s > "$tmp/mark/scenario.json"
sed 's/,Beta,/,Beta<b>\&,/' $o > "$tmp/mark/orders.csv"
expect 0 "plan with markup in a name" "$bin" plan "$tmp/mark/scenario.json" "$tmp/mark/orders.csv" -o "$tmp/mark/p" $fast -q
expect 0 "replan with markup in a name" "$bin" replan "$tmp/mark/p" --outage East:2026-09-21..2026-10-02 --frozen 3 -o "$tmp/mark/r" $fast -q
check "the plan's report escapes the name" sh -c "! grep -q 'Beta<b>' '$tmp/mark/p/report.html' && grep -q 'Beta&lt;b&gt;&amp;' '$tmp/mark/p/report.html'"
check "the replan's report escapes the name" sh -c "! grep -q 'Beta<b>' '$tmp/mark/r/report.html' && grep -q 'Beta&lt;b&gt;&amp;' '$tmp/mark/r/report.html'"

# On a terminal, what it is doing: reading the plan, the stages, writing.
if command -v script > /dev/null; then
  script -qc "'$bin' replan '$tmp/base' --outage E1:2026-09-21..2026-09-25 -o '$tmp/rtty' $fast" /dev/null |
    tr '\r' '\n' > "$tmp/tty.txt"
  check "replan shows it reads the plan" grep -q "^reading $tmp/base \.\.\." "$tmp/tty.txt"
  check "replan shows the sequencing" grep -q "sequencing .*line-days" "$tmp/tty.txt"
  check "replan shows it writes" grep -q "^writing $tmp/rtty \.\.\." "$tmp/tty.txt"
  check "replan still prints its summary" grep -q "^replan " "$tmp/tty.txt"
fi

finish test_replan_cli
