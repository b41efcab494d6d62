# Helpers of the command-line tests, sourced by each tests/*.sh: a scratch
# folder ($tmp, removed on exit), the pass and fail counts, the checks that
# add to them, and 'finish', which reports and gives the script's status.

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# expect CODE DESCRIPTION COMMAND...: runs COMMAND (output in $tmp/out and
# $tmp/err), compares its exit code.
expect() {
  local want=$1 what=$2
  shift 2
  "$@" > "$tmp/out" 2> "$tmp/err"
  local got=$?
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $what: exit $got, expected $want"
    sed 's/^/  stderr: /' "$tmp/err" | head -5
  fi
}

# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@" > /dev/null 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $what"; fi
}

# check_grep PATTERN FILE DESCRIPTION: passes when FILE holds PATTERN.
check_grep() { check "$3" grep -q -- "$1" "$2"; }

# one_error PATTERN: the last command's stderr is one line matching PATTERN.
one_error() {
  check "one error line: $1" test "$(wc -l < "$tmp/err")" = 1
  check "error says: $1" grep -q -- "$1" "$tmp/err"
}

# finish NAME: prints the counts; succeeds when nothing failed.
finish() {
  echo "$1: $pass passed, $fail failed"
  [ "$fail" = 0 ]
}
