# Helpers of scripts/bench: figures, statistics, the database, throwaway homes and repositories.
# Sourced by scripts/bench; expects $root, $work, $figures and $h2_jar to be set.

# Now, in epoch milliseconds, without starting a process.
now_ms() { local t=$EPOCHREALTIME; local f=${t#*.}; echo "${t%.*}${f:0:3}"; }

note() { printf '  %s\n' "$*" >&2; }

# record ID SCENARIO "LABEL" UNIT TARGET SAMPLE...: one figure; TARGET is "<=N", "=N" or "-".
record() {
  local id=$1 scenario=$2 label=$3 unit=$4 target=$5
  shift 5
  if [ $# -eq 0 ]; then
    note "figure $id ($label) could not be measured"
    echo "$id" >> "$work/missing"
    return 0
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$scenario" "$label" "$unit" "$target" "$*" >> "$figures"
}

# stats SAMPLE...: "median min max n" (the median of an even count is the mean of the middle two).
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s %d\n", m, v[1], v[NR], NR }'
}

# meets TARGET VALUE: ok, MISSED, or "" when there is no target.
meets() {
  local target=$1 value=$2
  case "$target" in
    "<="*) awk -v v="$value" -v t="${target#<=}" 'BEGIN { print (v <= t ? "ok" : "MISSED") }' ;;
    "="*) awk -v v="$value" -v t="${target#=}" 'BEGIN { print (v == t ? "ok" : "MISSED") }' ;;
    *) echo "" ;;
  esac
}

# sql HOME "SELECT ...": the rows, fields separated by tabs, through H2's own shell (the CLI's
# database file, read like any other client; AUTO_SERVER reaches a daemon that holds it open).
sql() {
  local out
  # The home's database asks for the password nightshift keeps beside it (readable by its owner).
  local password=""
  [ -r "$1/.nightshift/db.password" ] && password="$(cat "$1/.nightshift/db.password")"
  out="$(java -XX:TieredStopAtLevel=1 -cp "$h2_jar" org.h2.tools.Shell \
    -url "jdbc:h2:file:$1/.nightshift/db;AUTO_SERVER=TRUE" -user sa -password "$password" -sql "$2" 2>&1)"
  if printf '%s\n' "$out" | grep -q '^Error: '; then
    note "query failed: $2"
    printf '%s\n' "$out" | grep '^Error: ' | head -2 >&2
    return 1
  fi
  printf '%s\n' "$out" | awk -F'|' 'NR > 1 && !/^\([0-9]+ rows?, [0-9]+ ms\)$/ {
    line = ""; for (i = 1; i <= NF; i++) { f = $i; gsub(/^ +| +$/, "", f); line = line (i > 1 ? "\t" : "") f }
    print line }'
}

# An instant column as epoch milliseconds, in SQL.
epoch_ms() { echo "DATEDIFF('MILLISECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', $1)"; }

# nightshift HOME ARGS...: the launcher on a home, its output in the home's bench.log.
nightshift() {
  local home=$1
  shift
  "$root/scripts/nightshift" --home "$home" "$@" >> "$home/bench.log" 2>&1
}

# timed HOME ARGS...: runs nightshift and prints its wall time in seconds.
timed() {
  local start end rc=0
  start=$(now_ms)
  nightshift "$@" || rc=$?
  end=$(now_ms)
  awk -v ms=$((end - start)) 'BEGIN { printf "%.3f\n", ms / 1000 }'
  return $rc
}

# The test runner of every generated project: each tests/test_*.sh is one test; JUnit XML and a
# summary line, as a real runner writes them (the gate counts the tests it ran).
RUN_TESTS='#!/usr/bin/env bash
cd "$(dirname "$0")/.." || exit 2
passed=0; failed=0; cases=""
for t in tests/test_*.sh; do
  [ -e "$t" ] || continue
  n=$(basename "$t" .sh)
  if bash "$t" >/dev/null 2>&1; then passed=$((passed+1)); cases="$cases<testcase name=\"$n\"/>"
  else failed=$((failed+1)); cases="$cases<testcase name=\"$n\"><failure message=\"failed\"/></testcase>"; fi
done
mkdir -p target/test-reports
printf "<testsuite name=\"bench\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%s</testsuite>\n" \
  $((passed+failed)) "$failed" "$cases" > target/test-reports/TEST-bench.xml
echo "Tests run: $((passed+failed)), Failures: $failed"
[ "$failed" -eq 0 ]
'

gitq() { git -c user.name=bench -c user.email=bench@localhost -c init.defaultBranch=main "$@" >/dev/null 2>&1; }

# small_origin DIR: a bare repository at DIR holding a tiny project with two passing tests.
small_origin() {
  local origin=$1 seed="$1.seed"
  mkdir -p "$seed/tests" "$seed/src"
  printf '%s' "$RUN_TESTS" > "$seed/tests/run.sh"
  printf '#!/usr/bin/env bash\ntrue\n' > "$seed/tests/test_one.sh"
  printf '#!/usr/bin/env bash\n[ -f src/app.sh ]\n' > "$seed/tests/test_two.sh"
  printf 'echo app\n' > "$seed/src/app.sh"
  printf 'target/\n' > "$seed/.gitignore"
  gitq -C "$seed" init && gitq -C "$seed" add --all && gitq -C "$seed" commit -m seed
  gitq clone --bare "$seed" "$origin"
  rm -rf "$seed"
}

# big_origin DIR FILES COMMITS: a bare repository with FILES files and COMMITS commits, written
# with git fast-import in one go (the test runner and two tests come with the first commit).
big_origin() {
  local origin=$1 files=$2 commits=$3
  gitq init --bare "$origin"
  awk -v files="$files" -v commits="$commits" -v runner="$RUN_TESTS" '
    function blob(mode, path, text) { printf "M %s inline %s\ndata %d\n%s\n", mode, path, length(text), text }
    function header(n, msg) {
      printf "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@localhost> %d +0000\ndata %d\n%s\n",
        n, 1700000000 + n * 60, length(msg), msg
      if (n > 1) printf "from :%d\n", n - 1
    }
    function file(i) { return sprintf("src/d%02d/f%05d.txt", i % 100, i) }
    BEGIN {
      fixed = 4; first = files - fixed - (commits - 1)
      header(1, "seed")
      blob("100755", "tests/run.sh", runner)
      blob("100755", "tests/test_one.sh", "#!/usr/bin/env bash\ntrue\n")
      blob("100755", "tests/test_two.sh", "#!/usr/bin/env bash\n[ -d src ]\n")
      blob("100644", ".gitignore", "target/\n")
      for (i = 0; i < first; i++) blob("100644", file(i), "file " i "\nline two\nline three\n")
      for (n = 2; n <= commits; n++) {
        header(n, "change " n)
        blob("100644", file(first + n - 2), "file " (first + n - 2) " added in commit " n "\n")
        blob("100644", file((n * 7) % first), "file " ((n * 7) % first) " changed in commit " n "\n")
      }
    }' | git -C "$origin" fast-import --quiet
  git -C "$origin" symbolic-ref HEAD refs/heads/main
}

# agent_script FILE BODY: an executable agent stand-in (the generic kind: the prompt on stdin).
agent_script() {
  printf '#!/usr/bin/env bash\ncat > /dev/null\n%s\n' "$2" > "$1"
  chmod +x "$1"
}

# spec FILE TITLE: a one-task spec.
spec() {
  mkdir -p "$(dirname "$1")"
  printf '# %s\n\nDo the thing.\n' "$2" > "$1"
}

# A process's resident set, in MB, from /proc (VmRSS: now; VmHWM: its peak).
rss_mb() { awk -v key="$2:" '$1 == key { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }

# The live processes whose environment carries NIGHTSHIFT_RUN=<marker> (a zombie's environment
# reads empty: a killed process that is not reaped yet counts as gone).
marked() {
  grep -lsazxF "NIGHTSHIFT_RUN=$1" /proc/[0-9]*/environ 2>/dev/null | awk -F/ '{ print $3 }'
}

# next_second: sleeps until just after the clock's next whole second.
next_second() {
  local ns
  ns=$(date +%N)
  sleep "$(awk -v ns="${ns#0}" 'BEGIN { printf "%.3f", (1e9 - ns) / 1e9 + 0.01 }')"
}
