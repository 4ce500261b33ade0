#!/usr/bin/env bash
# nightshift's DEMO AGENT. It is NOT an AI: it stands in for one so that `nightshift demo` runs
# offline, on a machine with nothing but a JDK, Maven and git.
#
# It does what an agent of kind "generic" is asked to do, in the simplest possible way: it reads
# the task nightshift gives it (NIGHTSHIFT_TASK), finds the section "### <that task>" under the
# spec's "## Demo changes" heading, and writes each ```file:<path> block of that section into the
# worktree. It then leaves a progress note in .nightshift/note.md, as the prompt asks.
# A real agent (Claude Code, Codex, Aider, ...) writes the code itself from the spec.
set -euo pipefail

task="${NIGHTSHIFT_TASK:?nightshift gives every agent run its task}"
prompt="${NIGHTSHIFT_PROMPT_FILE:?nightshift gives every agent run its prompt as a file}"
cat > /dev/null   # the generic kind also gets the prompt on standard input; it is read from the file

in_changes=0
in_task=0
file=""
other_block=0   # inside a code block that is not this task's: its lines are code, never headings
applied=()
while IFS= read -r line || [[ -n "$line" ]]; do
  if [[ -n "$file" ]]; then
    if [[ "$line" == '```' ]]; then file=""; else printf '%s\n' "$line" >> "$file"; fi
    continue
  fi
  if [[ $other_block == 1 ]]; then
    if [[ "$line" == '```' ]]; then other_block=0; fi
    continue
  fi
  if [[ "$line" == '```'* && ( $in_task == 0 || "$line" != '```file:'* ) ]]; then
    other_block=1
    continue
  fi
  case "$line" in
    "## Demo changes") in_changes=1 ;;
    "# "*|"## "*) in_changes=0; in_task=0 ;;
    "### "*) if [[ $in_changes == 1 && "${line#'### '}" == "$task" ]]; then in_task=1; else in_task=0; fi ;;
    '```file:'*)
      if [[ $in_task == 1 ]]; then
        file="${line#'```file:'}"
        mkdir -p "$(dirname "$file")"
        : > "$file"
        applied+=("$file")
      fi ;;
  esac
done < "$prompt"

if [[ ${#applied[@]} -eq 0 ]]; then
  echo "demo agent: the spec has no '### $task' section under '## Demo changes'; nothing to apply" >&2
  exit 1
fi
chmod +x tests/*.sh 2>/dev/null || true
mkdir -p .nightshift
printf 'Demo agent (not an AI): applied %s for the task "%s".\n' "${applied[*]}" "$task" > .nightshift/note.md
echo "demo agent: wrote ${applied[*]}"
