# Scenario 6 of scripts/bench: planning 200 projects with 50 specs each.

# Writes PROJECTS project folders of SPECS specs each (five done, the rest queued, with
# priorities, dependencies and task lists), all on one shared repository.
many_projects() {
  local home=$1 origin=$2 projects=$3 specs=$4
  awk -v home="$home" -v origin="$origin" -v projects="$projects" -v specs="$specs" 'BEGIN {
    for (p = 0; p < projects; p++) {
      dir = sprintf("%s/wip-specs/p%03d", home, p)
      system("mkdir -p " dir "/next " dir "/done")
      yml = dir "/project.yml"
      printf "repo: %s\nbase: main\ntest: bash tests/run.sh\n", origin > yml; close(yml)
      for (s = 1; s <= specs; s++) {
        file = sprintf("%s/%s/%04d-spec-%d.md", dir, s <= 5 ? "done" : "next", s, s)
        printf "---\npriority: %d\n", s % 9 + 1 > file
        if (s > 6 && s % 3 == 0) printf "depends-on: [%04d-spec-%d]\n", s - 1, s - 1 > file
        printf "---\n# Spec %d of project %d\n\nWhat to build, in a few lines of text.\n\n", s, p > file
        printf "## Tasks\n- [ ] First part of %d\n- [ ] Second part of %d\n- [ ] Third part of %d\n", s, s, s > file
        close(file)
      }
    }
  }'
}

bench_planning() {
  local dir="$work/planning" home="$work/planning/home" i start supervisor runs=() statuses=()
  small_origin "$dir/origin.git"
  start=$(now_ms)
  many_projects "$home" "$dir/origin.git" 200 50
  note "wrote 200 projects with $(find "$home/wip-specs" -name '*.md' | wc -l) spec files in" \
    "$(( ($(now_ms) - start) / 1000 )) s"
  agent_script "$dir/agent.sh" 'exit 0'
  printf 'agent: {kind: generic, command: "%s"}\n' "$dir/agent.sh" > "$home/nightshift.yml"
  for i in $(seq "$SLOW_RUNS"); do
    runs+=("$(timed "$home" run --dry-run || true)")
  done
  for i in $(seq "$SLOW_RUNS"); do statuses+=("$(timed "$home" status)"); done
  supervisor=($(sql "$home" "SELECT DATEDIFF('MILLISECOND', started_at, ended_at) AS d FROM phase_results
                             WHERE phase = 'supervisor' AND ended_at IS NOT NULL ORDER BY batch_id" \
    | awk '{ printf "%.3f\n", $1 / 1000 }'))
  record planning_supervisor 6 "planning 200x50: supervisor phase" s "<=1.0" "${supervisor[@]}"
  record planning_dry_run 6 "planning 200x50: the whole run --dry-run" s "<=3" "${runs[@]}"
  record planning_status 6 "planning 200x50: status wall time" s "<=1.0" "${statuses[@]}"
}
