# Scenarios 1, 2 and 7 of scripts/bench: nothing to do, by hand and on the daemon's schedule.

# quiet_home DIR: a home whose one project has nothing queued, and an agent that counts its
# starts in DIR/agent-starts (the idle no-op must start none).
quiet_home() {
  local dir=$1 home=$1/home
  mkdir -p "$home/wip-specs/quiet/next" "$home/wip-specs/quiet/done"
  small_origin "$dir/origin.git"
  agent_script "$dir/agent.sh" "echo \$\$ >> '$dir/agent-starts'"
  printf 'agent: {kind: generic, command: "%s"}\n' "$dir/agent.sh" > "$home/nightshift.yml"
  printf 'repo: %s\nbase: main\ntest: bash tests/run.sh\n' "$dir/origin.git" > "$home/wip-specs/quiet/project.yml"
  spec "$home/wip-specs/quiet/done/0001-finished.md" "Finished"
}

# year_of_history HOME: a year of batches every two hours before today (4,380), each with its five
# phases, one build and one agent run, as a home that has run unattended for a year holds them.
year_of_history() {
  sql "$1" "
    INSERT INTO batches (id, started_at, ended_at, status, trigger_kind, dry_run, pid, node)
      SELECT FORMATDATETIME(t, 'yyyyMMdd-HHmmss'), t, DATEADD('MINUTE', 20, t), 'SUCCEEDED', 'schedule', FALSE, 1, 'bench'
      FROM (SELECT DATEADD('HOUR', -2 * X, DATEADD('DAY', -1, CURRENT_TIMESTAMP(3))) AS t FROM SYSTEM_RANGE(1, 4380));
    INSERT INTO phase_results (batch_id, phase, started_at, ended_at, outcome)
      SELECT b.id, p.phase, b.started_at, b.ended_at, 'COMPLETED' FROM batches b
      CROSS JOIN (VALUES ('supervisor'), ('build'), ('maintenance'), ('integration'), ('report')) AS p(phase)
      WHERE b.node = 'bench';
    INSERT INTO build_results (batch_id, project, spec, task, outcome, detail, started_at, ended_at, tests_run, tests_passed)
      SELECT id, 'quiet', '0001-finished', 'Finished', 'PR_UPDATED', 'a year of history', started_at, ended_at, 12, 12
      FROM batches WHERE node = 'bench';
    INSERT INTO agent_runs (batch_id, project, spec, task, purpose, attempt, kind, started_at, ended_at, exit_code, succeeded)
      SELECT id, 'quiet', '0001-finished', 'Finished', 'build', 1, 'generic', started_at, ended_at, 0, TRUE
      FROM batches WHERE node = 'bench';
    SELECT COUNT(*) AS n FROM batches;" > /dev/null
  # Written at once, the rows leave the file full of superseded pages that H2 compacts at its next
  # closes (200 ms each). A home that gathered them over a year has had them compacted by each
  # batch's end; so has this one before anything is measured.
  # (H2's shell says the database closed under it: expected, so its output is not read.)
  java -XX:TieredStopAtLevel=1 -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$1/.nightshift/db;AUTO_SERVER=TRUE" \
    -user sa -password "$(cat "$1/.nightshift/db.password")" -sql "SHUTDOWN COMPACT" > /dev/null 2>&1 || true
}

# measured_run HOME ARGS...: "WALL_SECONDS PEAK_MB" of one launcher run. The launcher execs java,
# so the peak of its process is the JVM's: /usr/bin/time's maximum RSS, else VmHWM sampled.
measured_run() {
  local home=$1 start end peak="" pid hwm
  shift
  start=$(now_ms)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$home/time.out" "$root/scripts/nightshift" --home "$home" "$@" >> "$home/bench.log" 2>&1 || true
    end=$(now_ms)
    peak=$(awk 'END { printf "%.1f", $1 / 1024 }' "$home/time.out")
  else
    "$root/scripts/nightshift" --home "$home" "$@" >> "$home/bench.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(rss_mb "$pid" VmHWM)
      [ -n "$hwm" ] && peak=$hwm
      sleep 0.02
    done
    wait "$pid" || true
    end=$(now_ms)
  fi
  awk -v ms=$((end - start)) -v mb="${peak:-0}" 'BEGIN { printf "%.3f %s\n", ms / 1000, mb }'
}

bench_idle() {
  local dir="$work/idle" home="$work/idle/home" i out scanner starts scanned counted seen
  local walls=() mems=() agents=() status=() plain_run=() plain_status=()
  quiet_home "$dir"
  nightshift "$home" run || true # the first batch of a home makes its database; not measured
  year_of_history "$home"
  note "idle home: $(sql "$home" "SELECT COUNT(*) AS n FROM batches") batches of history"
  touch "$dir/agent-starts" "$dir/agent-scan"
  # Beside the agent's own counter, a process scan: anything running the agent script.
  (while :; do pgrep -f "$dir/agent.sh" >> "$dir/agent-scan" || true; sleep 0.05; done) &
  scanner=$!
  for i in $(seq "$RUNS"); do
    starts=$(wc -l < "$dir/agent-starts"); scanned=$(sort -u "$dir/agent-scan" | wc -l)
    # Each run starts in a second of its own: batch ids have a second's resolution, and a batch
    # that finds its id taken waits for the next second (a wait no schedule meets, only a loop).
    next_second
    out=($(measured_run "$home" run))
    walls+=("${out[0]}"); mems+=("${out[1]}")
    sleep 0.1 # the scanner's last look
    # Two counts of one thing: the larger of the two is what started.
    counted=$(( $(wc -l < "$dir/agent-starts") - starts ))
    seen=$(( $(sort -u "$dir/agent-scan" | wc -l) - scanned ))
    agents+=($(( counted > seen ? counted : seen )))
  done
  kill "$scanner" 2>/dev/null; wait "$scanner" 2>/dev/null || true
  for i in $(seq "$RUNS"); do status+=("$(timed "$home" status)"); done
  # The floor under every command: the JVM alone, started as the launcher starts it (the same
  # class-data archive and compiler), printing its version.
  local floor=() archive="$root/target/nightshift-app/nightshift.jsa" jvm=(java -XX:TieredStopAtLevel=1) start
  [ -s "$archive" ] && jvm+=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
  for i in $(seq "$RUNS"); do
    start=$(now_ms); "${jvm[@]}" -version > /dev/null 2>&1
    floor+=("$(awk -v ms=$(( $(now_ms) - start )) 'BEGIN { printf "%.3f", ms / 1000 }')")
  done
  record idle_run_wall 1 "idle run: wall time" s "<=0.3" "${walls[@]}"
  record idle_run_agents 1 "idle run: agent processes started" count "=0" "${agents[@]}"
  record idle_run_peak_rss 1 "idle run: peak memory (RSS)" MB - "${mems[@]}"
  record status_wall 1 "status: wall time" s "<=0.5" "${status[@]}"
  record jvm_floor 1 "JVM floor: java -version, same archive" s - "${floor[@]}"
  local f=$(stats "${floor[@]}" | cut -d' ' -f1)
  record idle_run_floor_ratio 1 "idle run / JVM floor (medians)" ratio - \
    "$(awk -v a="$(stats "${walls[@]}" | cut -d' ' -f1)" -v f="$f" 'BEGIN { printf "%.1f", a / f }')"
  record status_floor_ratio 1 "status / JVM floor (medians)" ratio - \
    "$(awk -v a="$(stats "${status[@]}" | cut -d' ' -f1)" -v f="$f" 'BEGIN { printf "%.1f", a / f }')"
  # The same without the fast start, for comparison (fewer runs: it only shows the gain).
  for i in $(seq "$BASELINE_RUNS"); do
    plain_run+=("$(NIGHTSHIFT_FAST_START=0 timed "$home" run)")
    plain_status+=("$(NIGHTSHIFT_FAST_START=0 timed "$home" status)")
  done
  record idle_run_wall_plain 1 "idle run, plain jar (no fast start)" s - "${plain_run[@]}"
  record status_wall_plain 1 "status, plain jar (no fast start)" s - "${plain_status[@]}"
}

# The daemon on a two-second schedule over a quiet home: from each fire to its recorded no-op,
# and its resident memory after TICKS ticks (read at TICKS and the four ticks after). Not every
# second: batch ids have a second's resolution, so one late tick would push each next one to the
# following second (the launcher waits for a free id), a delay no real schedule meets.
bench_daemon() {
  local dir="$work/daemon" home="$work/daemon/home" pid ticks=0 seen=0 waited=0 rss=() rss10="" now recorded=0
  local latencies=() id start end fire
  quiet_home "$dir"
  # A batch limit below the gap: the daemon refuses a schedule whose batch could outlast a gap.
  printf 'schedule: "*/2 * * * * ?"\ntimeouts: {batch: 1900ms, report: 500ms}\n' >> "$home/nightshift.yml"
  nightshift "$home" run || true # the database exists before the daemon starts, as it would
  "$root/scripts/nightshift" --home "$home" daemon > "$dir/daemon.log" 2>&1 &
  pid=$!
  while [ "${#rss[@]}" -lt 5 ] && [ "$waited" -lt $((TICKS * 30 + 1200)) ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.1; waited=$((waited + 1))
    ticks=$(grep -oE '\bbatch [0-9]{8}-[0-9]{6}\b' "$dir/daemon.log" | sort -u | wc -l)
    # Should the log not name its batches, the database counts them (a query starts a JVM: rarely).
    if [ "$ticks" -eq 0 ] && [ "$waited" -gt 200 ]; then
      if [ $((waited % 20)) -eq 0 ]; then
        recorded=$(sql "$home" "SELECT COUNT(*) AS n FROM batches WHERE trigger_kind = 'schedule'
                                AND ended_at IS NOT NULL" || echo 0)
      fi
      ticks=$recorded
    fi
    if [ "$ticks" -ne "$seen" ]; then
      seen=$ticks
      [ "$ticks" -eq 10 ] && rss10=$(rss_mb "$pid" VmRSS)
      if [ "$ticks" -ge "$TICKS" ] && now=$(rss_mb "$pid" VmRSS) && [ -n "$now" ]; then rss+=("$now"); fi
    fi
  done
  note "daemon: $ticks ticks in $((waited / 10)) s"
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  # The fire each batch answered: Quartz's scheduled time from the daemon's log, else the even
  # second the batch started in (the schedule fires on every even second).
  awk '/schedule fired \(due / { match($0, /due [^)]*/); due = substr($0, RSTART + 4, RLENGTH - 4) }
       match($0, /batch [0-9]+-[0-9]+/) && due != "" { print substr($0, RSTART + 6, 15), due; due = "" }' \
    "$dir/daemon.log" > "$dir/fires"
  while IFS=$'\t' read -r id start end; do
    fire=$(awk -v id="$id" '$1 == id { print $2; exit }' "$dir/fires")
    if [ -n "$fire" ]; then fire=$(date -d "$fire" +%s%3N); else fire=$((start / 2000 * 2000)); fi
    latencies+=("$(awk -v ms=$((end - fire)) 'BEGIN { printf "%.3f", ms / 1000 }')")
  done < <(sql "$home" "SELECT id, $(epoch_ms started_at) AS s, $(epoch_ms ended_at) AS e FROM batches
                        WHERE trigger_kind = 'schedule' AND ended_at IS NOT NULL ORDER BY started_at")
  record daemon_tick 2 "daemon idle tick: fire to recorded no-op" s - "${latencies[@]}"
  record daemon_rss 7 "daemon memory (RSS) after $TICKS idle ticks" MB - "${rss[@]}"
  [ -n "$rss10" ] && record daemon_rss_10 7 "daemon memory (RSS) after 10 idle ticks" MB - "$rss10"
  return 0
}
