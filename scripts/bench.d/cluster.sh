# Scenario 8 of scripts/bench: build workers. Optional: it needs a PostgreSQL server
# (NIGHTSHIFT_TEST_PG_URL, _USER, _PASSWORD, as `eval "$(.ci/pg start)"` sets them); without one it
# says so and records nothing.

# pg_sql DATABASE "SQL": rows of a database on the test server, fields separated by tabs.
pg_sql() {
  local rest=${NIGHTSHIFT_TEST_PG_URL#jdbc:postgresql://}
  local hostport=${rest%%/*}
  PGPASSWORD="$NIGHTSHIFT_TEST_PG_PASSWORD" psql -h "${hostport%%:*}" -p "${hostport##*:}" \
    -U "${NIGHTSHIFT_TEST_PG_USER:-nightshift}" -d "$1" -At -F $'\t' -c "$2" 2>>"$work/workers/psql.log"
}

# One sample: six projects whose agents sleep 10 s, built by WORKERS workers (3 builds at once
# each) for one `run` on a fresh database; prints the build phase's wall time in seconds.
workers_sample() {
  local count=$1 sample=$2 db="bench_$$_$1_$2" dir="$work/workers/$1-$2" p w pids=() wall
  local url="${NIGHTSHIFT_TEST_PG_URL%/*}/$db"
  local database="database: {url: \"$url\", user: ${NIGHTSHIFT_TEST_PG_USER:-nightshift}, password-env: NIGHTSHIFT_TEST_PG_PASSWORD}"
  pg_sql postgres "CREATE DATABASE $db" > /dev/null || return 1
  mkdir -p "$dir/manager"
  agent_script "$dir/agent.sh" "sleep 10
$WORKING_AGENT"
  for p in p1 p2 p3 p4 p5 p6; do
    small_origin "$dir/$p.git"
    project "$dir/manager" "$p" "$dir/$p.git"
    spec "$dir/manager/wip-specs/$p/next/0001-work.md" "Work of $p"
  done
  settings "$dir/manager" "$dir/agent.sh" "build: {max-open-prs: 50}
$database
node: {name: manager}"
  for w in $(seq "$count"); do
    mkdir -p "$dir/worker-$w"
    settings "$dir/worker-$w" "$dir/agent.sh" "build: {parallelism: 3}
$database
node: {name: worker-$w}"
    "$root/scripts/nightshift" --home "$dir/worker-$w" worker >> "$dir/worker-$w/bench.log" 2>&1 &
    pids+=($!)
  done
  # The batch sends its builds to the workers only once they are heard from.
  local waited=0
  until [ "$(pg_sql "$db" "SELECT COUNT(*) FROM nodes WHERE role = 'worker'" 2>/dev/null)" = "$count" ]; do
    sleep 0.5; waited=$((waited + 1))
    [ "$waited" -gt 240 ] && { note "workers: the workers were not heard from within 2 min"; break; }
  done
  nightshift "$dir/manager" run || note "workers: the batch with $count worker(s) did not succeed (see $dir/manager/bench.log)"
  for w in "${pids[@]}"; do kill -TERM "$w" 2>/dev/null; done
  wait "${pids[@]}" 2>/dev/null
  local built
  built=$(pg_sql "$db" "SELECT COUNT(*) FROM build_results WHERE outcome = 'PR_OPENED' AND node LIKE 'worker-%'")
  [ "$built" = 6 ] || note "workers: $count worker(s) opened $built pull request(s) of 6"
  wall=$(pg_sql "$db" "SELECT EXTRACT(EPOCH FROM (ended_at - started_at)) FROM phase_results WHERE phase = 'build'")
  pg_sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null
  [ -n "$wall" ] && [ "$built" = 6 ] && printf '%.3f\n' "$wall"
}

# The build phase of six projects with two workers against one: the same agents, the same
# per-worker parallelism; the ratio shows what a second build machine gives.
bench_workers() {
  if [ -z "${NIGHTSHIFT_TEST_PG_URL:-}" ]; then
    note "workers: skipped, no PostgreSQL (eval \"\$(.ci/pg start)\" first); optional, not counted as missing"
    return 0
  fi
  mkdir -p "$work/workers"
  local i one two ones=() twos=() ratios=()
  for i in $(seq "$SLOW_RUNS"); do
    one=$(workers_sample 1 "$i")
    two=$(workers_sample 2 "$i")
    [ -n "$one" ] && ones+=("$one")
    [ -n "$two" ] && twos+=("$two")
    [ -n "$one" ] && [ -n "$two" ] && ratios+=("$(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.3f", a / b }')")
  done
  record workers_one_wall 8 "build workers: build phase, 6 projects, 1 worker" s - "${ones[@]}"
  record workers_two_wall 8 "build workers: build phase, 6 projects, 2 workers" s - "${twos[@]}"
  record workers_ratio 8 "build workers: 2 workers / 1 worker, build-phase wall time" ratio "<=0.75" "${ratios[@]}"
}
