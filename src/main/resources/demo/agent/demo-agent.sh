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

# A run that answers the owner's review: the demo agent cannot understand the points, so it writes
# each one as a comment into the file it names (review-points.md for a point on no file) and says so
# in .nightshift/answers.md, one "## <number>" section per point, as the prompt asks.
if grep -q "^# The one job now: answer the owner's review" "$prompt"; then
  mkdir -p .nightshift
  n=""
  where=""
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ ^##\ Point\ ([0-9]+):\ (.*)$ ]]; then
      n="${BASH_REMATCH[1]}"
      where="${BASH_REMATCH[2]}"
    elif [[ -n "$n" && "$line" == '> '* ]]; then
      text="${line#'> '}"
      target="review-points.md"
      if [[ "$where" == *:* && -f "${where%%:*}" ]]; then target="${where%%:*}"; fi
      printf '# review: %s\n' "$text" >> "$target"
      printf '## %s\nDemo agent (not an AI): wrote "# review: %s" into %s; a real agent makes the change.\n\n' \
        "$n" "$text" "$target" >> .nightshift/answers.md
      n=""
    fi
  done < "$prompt"
  echo "Demo agent (not an AI): wrote each review point into the file it names." > .nightshift/note.md
  echo "demo agent: answered the review"
  exit 0
fi

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
