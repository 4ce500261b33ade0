# Scenarios 3, 4 and 5 of scripts/bench: batches that build.

# A nightshift.yml for a generic agent script, plus any further lines.
settings() { printf 'agent: {kind: generic, command: "%s"}\n%s\n' "$2" "${3:-}" > "$1/nightshift.yml"; }

# project HOME NAME ORIGIN: a project whose gate is the generated runner.
project() {
  mkdir -p "$1/wip-specs/$2/next"
  printf 'repo: %s\nbase: main\ntest: bash tests/run.sh\n' "$3" > "$1/wip-specs/$2/project.yml"
}

# The body of an agent that does real work: a new passing test and a changed file.
WORKING_AGENT='n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
printf "#!/usr/bin/env bash\ntrue\n" > "tests/test_feature_$((n + 1)).sh"
echo "$NIGHTSHIFT_TASK" >> FEATURES.md'

# Three projects whose agents take 5.35 s, 2.81 s and 2.99 s (a published batch's agent times,
# scaled down by 100), built side by side: the build phase against the sum of the agent times.
bench_parallel() {
  local dir="$work/parallel" home="$work/parallel/home" i p batch build agents count
  local walls=() sums=() ratios=()
  for p in alpha bravo charlie; do small_origin "$dir/$p.git"; project "$home" "$p" "$dir/$p.git"; done
  agent_script "$dir/agent.sh" 'case "$NIGHTSHIFT_PROJECT" in alpha) s=5.35 ;; bravo) s=2.81 ;; *) s=2.99 ;; esac
sleep "$s"
'"$WORKING_AGENT"
  settings "$home" "$dir/agent.sh" 'build: {parallelism: 3, max-open-prs: 50}'
  for i in $(seq "$SLOW_RUNS"); do
    for p in alpha bravo charlie; do spec "$home/wip-specs/$p/next/$(printf %04d "$i")-work.md" "Work $i"; done
    nightshift "$home" run || note "parallel build: batch $i did not succeed (see $home/bench.log)"
  done
  while IFS=$'\t' read -r batch build agents count; do
    [ "$count" = 3 ] || note "parallel build: batch $batch ran $count agent runs, not 3"
    walls+=("$(awk -v ms="$build" 'BEGIN { printf "%.3f", ms / 1000 }')")
    sums+=("$(awk -v ms="$agents" 'BEGIN { printf "%.3f", ms / 1000 }')")
    ratios+=("$(awk -v b="$build" -v a="$agents" 'BEGIN { printf "%.3f", b / a }')")
  done < <(sql "$home" "SELECT p.batch_id AS b, DATEDIFF('MILLISECOND', p.started_at, p.ended_at) AS w,
      (SELECT SUM(DATEDIFF('MILLISECOND', a.started_at, a.ended_at)) FROM agent_runs a WHERE a.batch_id = p.batch_id) AS a,
      (SELECT COUNT(*) FROM agent_runs a WHERE a.batch_id = p.batch_id) AS n
      FROM phase_results p WHERE p.phase = 'build' AND p.ended_at IS NOT NULL ORDER BY p.batch_id")
  record parallel_build_wall 3 "parallel build: build-phase wall time" s - "${walls[@]}"
  record parallel_agent_sum 3 "parallel build: sum of the agent times" s - "${sums[@]}"
  record parallel_ratio 3 "parallel build: wall time / agent sum" ratio "<=0.55" "${ratios[@]}"
}

# One project on a repository of 5,000 files and 2,000 commits, with an agent that works at once:
# what the build phase spends beside the agent and the tests. The first batch also clones.
bench_overhead() {
  local dir="$work/overhead" home="$work/overhead/home" i start batch build agent gate value
  local warm=() cold=()
  start=$(now_ms)
  big_origin "$dir/big.git" 5000 2000
  note "generated a repository of $(git -C "$dir/big.git" ls-tree -r --name-only main | wc -l) files and" \
    "$(git -C "$dir/big.git" rev-list --count main) commits in $(( ($(now_ms) - start) / 1000 )) s"
  project "$home" big "$dir/big.git"
  agent_script "$dir/agent.sh" "$WORKING_AGENT"
  settings "$home" "$dir/agent.sh" 'build: {max-open-prs: 50}'
  for i in $(seq $((SLOW_RUNS + 1))); do
    spec "$home/wip-specs/big/next/$(printf %04d "$i")-change.md" "Change $i"
    nightshift "$home" run || note "overhead: batch $i did not succeed (see $home/bench.log)"
  done
  i=0
  while IFS=$'\t' read -r batch build agent gate; do
    i=$((i + 1))
    value=$(awk -v b="$build" -v a="${agent:-0}" -v g="${gate:-0}" 'BEGIN { printf "%.3f", (b - a - g) / 1000 }')
    if [ "$i" -eq 1 ]; then cold+=("$value"); else warm+=("$value"); fi
  done < <(sql "$home" "SELECT p.batch_id AS b, DATEDIFF('MILLISECOND', p.started_at, p.ended_at) AS w,
      (SELECT SUM(DATEDIFF('MILLISECOND', a.started_at, a.ended_at)) FROM agent_runs a WHERE a.batch_id = p.batch_id) AS a,
      (SELECT SUM(DATEDIFF('MILLISECOND', g.started_at, g.ended_at)) FROM gate_runs g WHERE g.batch_id = p.batch_id) AS g
      FROM phase_results p WHERE p.phase = 'build' AND p.ended_at IS NOT NULL ORDER BY p.batch_id")
  record overhead_project 4 "overhead per project (5,000 files, 2,000 commits)" s - "${warm[@]}"
  record overhead_project_cold 4 "  the same, first batch (clones the repository)" s - "${cold[@]}"
}

# An agent that ignores SIGTERM and forks (a child, a grandchild, one that leaves the group with
# setsid): from its deadline until the last of its processes is gone, and what survives.
bench_deadline() {
  local dir="$work/deadline" home="$work/deadline/home" i marker gone started monitor alive
  local late=() survivors=() gones=()
  small_origin "$dir/origin.git"
  project "$home" stubborn "$dir/origin.git"
  spec "$home/wip-specs/stubborn/next/0001-stubborn.md" "Stubborn"
  agent_script "$dir/agent.sh" "echo \"\$NIGHTSHIFT_RUN\" >> '$dir/markers'
trap '' TERM
(trap '' TERM; sleep 600) &
bash -c 'trap \"\" TERM; sleep 600 & wait' &
setsid bash -c 'trap \"\" TERM; sleep 600' &
sleep 600"
  settings "$home" "$dir/agent.sh" 'timeouts: {agent: 2s}
build: {max-attempts: 50, fix-attempts: 0}'
  touch "$dir/markers"
  for i in $(seq "$SLOW_RUNS"); do
    # The watcher: once the agent names its marker, poll until no process carries it.
    (
      until [ "$(wc -l < "$dir/markers")" -ge "$i" ]; do sleep 0.01; done
      m=$(sed -n "${i}p" "$dir/markers")
      while [ -n "$(marked "$m")" ]; do sleep 0.01; done
      echo "$(now_ms)" > "$dir/gone.$i"
    ) &
    monitor=$!
    nightshift "$home" run || true # exit 1: the agent timed out
    for _ in $(seq 100); do kill -0 "$monitor" 2>/dev/null || break; sleep 0.1; done
    kill "$monitor" 2>/dev/null || true
    marker=$(sed -n "${i}p" "$dir/markers")
    sleep 1
    alive=$(marked "$marker" | wc -l)
    survivors+=("$alive")
    [ "$alive" -gt 0 ] && marked "$marker" | xargs -r kill -KILL 2>/dev/null
    gones+=("$(cat "$dir/gone.$i" 2>/dev/null || echo "")")
  done
  i=0
  while IFS=$'\t' read -r started; do
    i=$((i + 1))
    gone=${gones[$((i - 1))]:-}
    [ -n "$gone" ] && late+=("$(awk -v ms=$((gone - started - 2000)) 'BEGIN { printf "%.3f", ms / 1000 }')")
  done < <(sql "$home" "SELECT $(epoch_ms started_at) AS s FROM agent_runs ORDER BY id")
  record deadline_late 5 "deadline: from the deadline until the last process is gone" s - "${late[@]}"
  record deadline_survivors 5 "deadline: processes surviving the deadline" count "=0" "${survivors[@]}"
}
