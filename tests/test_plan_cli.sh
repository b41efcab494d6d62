#!/usr/bin/env bash
# The planner's command line: plan, demo and gen-scenario; every exit code,
# one error line per problem, nothing written on bad input, the same plan
# from the same input whatever the threads, a brand's view.
# Usage: test_plan_cli.sh PATH/TO/sparecap PATH/TO/tests/data
set -u
bin=$1
data=$2
. "$(dirname "$0")/lib.sh"

small=$data/plan/small
bad=$data/plan/bad

# usage errors: 2
expect 2 "plan without arguments" "$bin" plan
expect 2 "plan without -o" "$bin" plan "$small/scenario.json" "$small/orders.csv"
expect 2 "plan, one file" "$bin" plan "$small/scenario.json" -o "$tmp/p"
expect 2 "plan, unknown option" "$bin" plan --frob "$small/scenario.json" "$small/orders.csv" -o "$tmp/p"
expect 2 "plan, bad threads" "$bin" plan --threads 0 "$small/scenario.json" "$small/orders.csv" -o "$tmp/p"
expect 2 "plan, bad effort" "$bin" plan --effort x "$small/scenario.json" "$small/orders.csv" -o "$tmp/p"
expect 2 "plan, unknown brand" "$bin" plan --brand Gamma "$small/scenario.json" "$small/orders.csv" -o "$tmp/p"
check "unknown brand names the brands" grep -q "brands: Host, Alpha, Beta" "$tmp/err"
expect 2 "demo, stray argument" "$bin" demo extra
expect 2 "gen-scenario without -o" "$bin" gen-scenario --plants 2
expect 2 "gen-scenario, bad plants" "$bin" gen-scenario --plants 0 -o "$tmp/g"
expect 2 "gen-scenario, bad week" "$bin" gen-scenario --first-week 2026-13 -o "$tmp/g"
expect 0 "plan --help" "$bin" plan --help
expect 0 "demo --help" "$bin" demo --help
expect 0 "gen-scenario --help" "$bin" gen-scenario --help

# bad input: 1, one line per error, nothing written
expect 1 "plan, unknown model" "$bin" plan "$bad/scenario/unknown_model.json" "$small/orders.csv" -o "$tmp/p"
check "error line names file, line and column" \
  grep -q "^sparecap: error: .*unknown_model.json:9:63: plants\[0\].lines\[0\].models\[0\]: unknown model 'Tigo'$" "$tmp/err"
check "nothing written" test ! -e "$tmp/p"
# a bad -o is found before any work: the same error with a scenario that
# does not exist, which would otherwise be read first
expect 1 "plan, -o in a missing directory" "$bin" plan "$tmp/none.json" "$small/orders.csv" -o "$tmp/no/p"
one_error "^sparecap: error: $tmp/no/p: cannot write: No such file or directory$"
touch "$tmp/afile"
expect 1 "plan, -o is a file" "$bin" plan "$small/scenario.json" "$small/orders.csv" -o "$tmp/afile"
one_error "cannot write: exists and is not a directory"
expect 1 "demo, -o in a missing directory" "$bin" demo -o "$tmp/no/d"
one_error "^sparecap: error: $tmp/no/d: cannot write: No such file or directory$"
mkdir "$tmp/dd"
touch "$tmp/dd/x-outage"
expect 1 "demo --outage, DIR-outage is a file" "$bin" demo --outage -o "$tmp/dd/x"
one_error "^sparecap: error: $tmp/dd/x-outage: cannot write: exists and is not a directory$"
check "demo wrote nothing" test ! -e "$tmp/dd/x"
expect 1 "plan, three errors" "$bin" plan "$bad/scenario/three_errors.json" "$small/orders.csv" -o "$tmp/p"
check "three error lines" test "$(grep -c '^sparecap: error: ' "$tmp/err")" = 3
expect 1 "plan, many orders errors" "$bin" plan "$small/scenario.json" "$bad/orders/many_errors.csv" -o "$tmp/p"
check "20 error lines and a count" test "$(grep -c '^sparecap: error: .*many_errors.csv:[0-9]*:3: ' "$tmp/err")" = 20
check "the rest counted" grep -q "^sparecap: error: ... and 10 more errors$" "$tmp/err"
check "nothing written" test ! -e "$tmp/p"
expect 1 "plan, duplicate ids" "$bin" plan "$small/scenario.json" "$bad/orders/duplicate_id.csv" -o "$tmp/p"
check "duplicate named with both rows" grep -q "duplicate_id.csv:4:1: duplicate order id 'A-1' (first at row 2)" "$tmp/err"
expect 1 "plan, missing scenario" "$bin" plan "$tmp/none.json" "$small/orders.csv" -o "$tmp/p"
mkdir "$tmp/occupied" && echo keep > "$tmp/occupied/mine.txt"
expect 1 "plan into a foreign directory" "$bin" plan -q "$small/scenario.json" "$small/orders.csv" -o "$tmp/occupied"
check "foreign directory untouched" test "$(ls "$tmp/occupied")" = mine.txt

# a plan: 0, the files, a summary
expect 0 "plan" "$bin" plan "$small/scenario.json" "$small/orders.csv" -o "$tmp/p1" --threads 1 --seed 3
for f in plan.json ledger.csv allocation.csv sequences.csv late.csv unplanned.csv report.html; do
  check "plan wrote $f" test -s "$tmp/p1/$f"
done
check "summary names the report" grep -q "^report     $tmp/p1/report.html$" "$tmp/out"
check "plan.json gives the scenario's numbers as written" grep -q '"options":{"ROOF":0.3,"TOW":0.2,"HOSTOPT":0.5}' "$tmp/p1/plan.json"
check "plan.json has no binary noise in its numbers" sh -c "! grep -qE '[0-9]\.[0-9]{16}' $tmp/p1/plan.json"
check "summary gives the MIP" grep -q "^allocation MIP [0-9,]* rows" "$tmp/out"
check "summary per guest" grep -q "^Alpha " "$tmp/out"
check "no progress when stderr is not a terminal" test ! -s "$tmp/err"
expect 0 "plan again, three threads" "$bin" plan -q "$small/scenario.json" "$small/orders.csv" -o "$tmp/p2" --threads 3 --seed 3
for f in plan.json ledger.csv allocation.csv sequences.csv late.csv unplanned.csv report.html; do
  check "same $f with 1 and 3 threads" cmp -s "$tmp/p1/$f" "$tmp/p2/$f"
done
expect 0 "plan replaces its own output" "$bin" plan -q "$small/scenario.json" "$small/orders.csv" -o "$tmp/p2" --seed 4
check "nothing left beside the plan" test "$(ls -d "$tmp"/p2* | wc -l)" = 1
expect 0 "plan --json" "$bin" plan --json "$small/scenario.json" "$small/orders.csv" -o "$tmp/p3"
check "--json gives the MIP size" grep -q '"mip":{"rows":[0-9]*,"columns":[0-9]*,"integers":[0-9]*' "$tmp/out"
check "--json: plan.json's names" grep -q '^{"sparecap":"[^"]*","view":"host","scenario":{"name":.*"kpis":{"capacity":.*"mip":{"rows":.*"run":{"seconds":{"read":' "$tmp/out"
grep -o '"kpis":{[^}]*}' "$tmp/out" > "$tmp/kpis.a"
grep -o '^"kpis":{[^}]*}' "$tmp/p3/plan.json" > "$tmp/kpis.b"
check "--json: the same kpis as plan.json" cmp -s "$tmp/kpis.a" "$tmp/kpis.b"
check "--json: kpis found" test -s "$tmp/kpis.a"
expect 0 "a brand's view" "$bin" plan --brand Beta "$small/scenario.json" "$small/orders.csv" -o "$tmp/beta"
check "the view holds Beta's orders" grep -q "^N[12],.*,B-[0-9]*,Beta,Beta One," "$tmp/beta/sequences.csv"
check "the view holds no other brand" sh -c "! grep -q -e Alpha -e 'H1' -e 'H2' -e HOSTOPT -e 'Host Red' $tmp/beta/*"

# a hard rule no sequence keeps: the plan is written, exit 3
expect 3 "plan, a hard constraint broken" "$bin" plan "$data/plan/hard/scenario.json" "$data/plan/hard/orders.csv" -o "$tmp/hard"
check "the plan is written all the same" test -s "$tmp/hard/report.html"
check "exit 3 says why" grep -q "^sparecap: error: 5 line-days break a hard constraint" "$tmp/err"

# gen-scenario: 0, files, refuses to overwrite without --force
expect 0 "gen-scenario" "$bin" gen-scenario --plants 2 --lines 2 --weeks 2 --seed 3 -o "$tmp/g"
check "gen-scenario wrote the scenario" test -s "$tmp/g/scenario.json"
check "gen-scenario wrote the orders" test -s "$tmp/g/orders.csv"
cp "$tmp/g/orders.csv" "$tmp/g-orders-1.csv"
expect 1 "gen-scenario into an existing directory" "$bin" gen-scenario -o "$tmp/g"
one_error "already exists (--force replaces a scenario)"
expect 0 "gen-scenario --force" "$bin" gen-scenario --plants 2 --lines 2 --weeks 2 --seed 3 -o "$tmp/g" --force
check "same options, same orders" cmp -s "$tmp/g/orders.csv" "$tmp/g-orders-1.csv"
mkdir "$tmp/g2" && touch "$tmp/g2/plan.json"
expect 1 "gen-scenario --force over a directory with another file" "$bin" gen-scenario -o "$tmp/g2" --force
one_error "holds 'plan.json', which is not part of a scenario; not replaced"
expect 0 "plan a generated scenario" "$bin" plan -q "$tmp/g/scenario.json" "$tmp/g/orders.csv" -o "$tmp/gp" --effort 5

# demo: writes ./sparecap-demo (here with a small effort, to stay quick)
(cd "$tmp" && "$bin" demo --effort 1 --threads 2 > demo.out 2> demo.err)
code=$?
if [ $code = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: demo: exit $code"; head -3 "$tmp/demo.err"; fi
check "demo wrote its report" test -s "$tmp/sparecap-demo/report.html"
check "demo says where the report is" grep -q "^report     sparecap-demo/report.html$" "$tmp/demo.out"
check "demo plans Chery" grep -q "^Chery " "$tmp/demo.out"

# On a terminal, the stages and a bar over the line-days; the summary still.
if command -v script > /dev/null; then
  script -qc "'$bin' plan '$small/scenario.json' '$small/orders.csv' -o '$tmp/ptty' --effort 5" /dev/null |
    tr '\r' '\n' > "$tmp/tty.txt"
  check "plan shows its stages" grep -q "^allocation \.\.\." "$tmp/tty.txt"
  check "plan shows the line-days" grep -q "sequencing .*line-days" "$tmp/tty.txt"
  check "plan shows it writes" grep -q "^writing $tmp/ptty \.\.\." "$tmp/tty.txt"
  check "plan still prints its summary" grep -q "^plan " "$tmp/tty.txt"
fi

finish test_plan_cli
