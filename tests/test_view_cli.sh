#!/usr/bin/env bash
# What a brand may see (docs/FORMATS.md, "What each brand sees"), checked on
# every file of every view: a generated scenario with a host and two guests
# is planned and replanned after an outage in each brand's view, and no file
# of a guest's view may name another brand's order, car, model, option,
# colour or brand, nor split the others' slots between the host and the
# other guests. The forbidden strings come from the scenario itself.
# Usage: test_view_cli.sh PATH/TO/sparecap
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

expect 0 "gen-scenario" "$bin" gen-scenario --plants 2 --lines 2 --weeks 8 --load 1.3 --seed 7 -o "$tmp/g"
expect 0 "plan, host view" "$bin" plan -q "$tmp/g/scenario.json" "$tmp/g/orders.csv" -o "$tmp/host"
expect 0 "replan, host view" "$bin" replan -q "$tmp/host" --outage "Plant 01:2026-01-19..2026-01-30" -o "$tmp/host-r"

# The brands, their models, and the options and colours those models use,
# read from the scenario (one JSON object per line of it is not assumed:
# jq-free, through python3).
facts() {
  python3 - "$tmp/g/scenario.json" "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
me = sys.argv[2]
mine = [m for m in s["models"] if m["brand"] == me]
opts = {o for m in mine for o in (m.get("options") or {})}
cols = {c for m in mine for c in (m.get("colours") or {})}
for b in s["brands"]:
    if b["name"] != me: print("brand\t" + b["name"])
for m in s["models"]:
    if m["brand"] != me: print("model\t" + m["name"])
    for o in (m.get("options") or {}):
        if o not in opts: print("option\t" + o)
    for c in (m.get("colours") or {}):
        if c not in cols: print("colour\t" + c)
PY
}

for brand in "Guest A" "Guest B"; do
  tag=${brand// /_}
  expect 0 "plan, $brand" "$bin" plan -q "$tmp/g/scenario.json" "$tmp/g/orders.csv" --brand "$brand" -o "$tmp/$tag"
  expect 0 "replan, $brand" "$bin" replan -q "$tmp/host" --outage "Plant 01:2026-01-19..2026-01-30" --brand "$brand" -o "$tmp/$tag-r"
  # Forbidden: other brands' names, models, options and colours as whole
  # words (CSV fields, JSON strings, HTML text), and others' order ids.
  facts "$brand" | sort -u | cut -f2 > "$tmp/words"
  awk -F, -v b="$brand" 'NR > 1 && $2 != b { print $1 }' "$tmp/g/orders.csv" > "$tmp/ids"
  check "the scenario names other brands' things ($brand)" test -s "$tmp/words"
  check "other brands' orders exist ($brand)" test -s "$tmp/ids"
  for dir in "$tmp/$tag" "$tmp/$tag-r"; do
    for f in "$dir"/*; do
      name=${f#$tmp/}
      check "$name: no other brand's name, model, option or colour" \
        bash -c '! grep -q -w -F -f "$1" "$2"' _ "$tmp/words" "$f"
      check "$name: no other brand's order id" bash -c '! grep -q -w -F -f "$1" "$2"' _ "$tmp/ids" "$f"
      check "$name: no host car id" bash -c '! grep -q -E "P0[0-9]-L[0-9]-2026[0-9]{4}-[0-9]{4}" "$1"' _ "$f"
      check "$name: others never split into host and guests" \
        bash -c '! grep -q -i -E "host [0-9]|guests [0-9]|other guests [0-9]|host,guest|\"host\":[0-9]|\"guest\":[0-9]|\"host_(cars|unmet)\":[1-9]" "$1"' _ "$f"
    done
    check "$tag: only the view's files (no scenario or orders)" \
      test ! -e "$dir/scenario.json" -a ! -e "$dir/orders.csv"
  done
  # The cause of a late or unplanned order counts the others as one number.
  check "$brand: a capacity cause counts 'others'" \
    bash -c 'cat "$1"/late.csv "$1"/unplanned.csv | grep -q "full in .*others [0-9]"' _ "$tmp/$tag"
done

# demo --outage --brand writes the brand's view of the plan and of the replan.
expect 0 "demo --outage --brand Chery" "$bin" demo -q --outage --brand Chery --effort 2 -o "$tmp/demo"
for dir in "$tmp/demo" "$tmp/demo-outage"; do
  check "${dir#$tmp/}: the view of Chery" grep -q '"view":{"brand":"Chery"}' "$dir/plan.json"
  check "${dir#$tmp/}: no scenario or orders" test ! -e "$dir/scenario.json" -a ! -e "$dir/orders.csv"
  check "${dir#$tmp/}: no host car" bash -c '! grep -q -E "(HAL|SOL)[A-Za-z0-9-]*-2026[0-9]{4}-[0-9]{4}" "$1"/*' _ "$dir"
done
check "no hidden baseline left behind" bash -c 'test "$(ls "$1" | grep -c demo)" = 2' _ "$tmp"

finish test_view_cli
