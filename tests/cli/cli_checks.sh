# Checks shared by the CLI test scripts (sourced; they set hubsim, work and output first):
#   fail MESSAGE                    report a failed check and count it in $failures;
#   expect_error NAME PATTERN -- ARGS...
#                                   `$hubsim ARGS` exits with code 2 and a message on stderr
#                                   matching PATTERN, and leaves neither $output (the file the
#                                   command was asked to write) nor a temporary file in $work.
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_error() {
  local name=$1 pattern=$2
  shift 3
  rm -f "$output"
  "$hubsim" "$@" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  [[ $rc -eq 2 ]] || fail "$name: exit code $rc, expected 2 ($(head -c 300 "$work/stderr"))"
  grep -qE -- "$pattern" "$work/stderr" || fail "$name: message does not match '$pattern': $(head -c 300 "$work/stderr")"
  [[ ! -e "$output" ]] || fail "$name: $(basename "$output") was written"
  ls "$work" | grep -q '\.tmp' && fail "$name: a temporary file was left behind"
}
