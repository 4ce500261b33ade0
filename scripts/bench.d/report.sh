# The table and the JSON of scripts/bench, from $figures (one figure a line: id, scenario,
# label, unit, target, samples).

machine() {
  printf '%s cores, java %s, git %s' "$(nproc 2>/dev/null || echo '?')" \
    "$(java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')" "$(git --version | awk '{ print $3 }')"
}

print_table() {
  local id scenario label unit target samples s verdict
  printf '\nnightshift bench %s · %s\nload average %s before, %s after; %s s in all\n\n' "$stamp" "$(machine)" \
    "$load_before" "$load_after" "$(( (finished - began) / 1000 ))"
  printf '%-2s %-60s %8s %8s %8s %3s  %-6s %s\n' "#" "figure" median min max n unit target
  while IFS=$'\t' read -r id scenario label unit target samples; do
    read -r -a s <<< "$(stats $samples)"
    verdict=$(meets "$target" "${s[0]}")
    printf '%-2s %-60s %8s %8s %8s %3s  %-6s %s\n' "$( [ "$scenario" = 0 ] && echo - || echo "$scenario")" "$label" \
      "$(fmt "${s[0]}")" "$(fmt "${s[1]}")" "$(fmt "${s[2]}")" "${s[3]}" "$unit" \
      "$( [ "$target" = - ] || echo "$target $verdict")"
  done < "$figures"
  echo
}

fmt() { awk -v v="$1" 'BEGIN { if (v == int(v) && v < 1e6) printf "%d", v; else printf "%.3g", v }'; }

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

write_json() {
  local id scenario label unit target samples s first=1
  printf '{\n  "bench": %s,\n  "machine": %s,\n  "load_before": %s,\n  "load_after": %s,\n  "seconds": %d,\n' \
    "$(json_string "$stamp")" "$(json_string "$(machine)")" "$(json_string "$load_before")" \
    "$(json_string "$load_after")" $(( (finished - began) / 1000 ))
  printf '  "commit": %s,\n  "figures": [\n' "$(json_string "$(git -C "$root" rev-parse --short HEAD 2>/dev/null)")"
  while IFS=$'\t' read -r id scenario label unit target samples; do
    read -r -a s <<< "$(stats $samples)"
    [ $first = 1 ] || printf ',\n'
    first=0
    printf '    {"id": %s, "scenario": %s, "label": %s, "unit": %s, "median": %s, "min": %s, "max": %s, "n": %s, ' \
      "$(json_string "$id")" "$scenario" "$(json_string "$(echo "$label" | sed 's/^ *//')")" "$(json_string "$unit")" \
      "${s[0]}" "${s[1]}" "${s[2]}" "${s[3]}"
    printf '"samples": [%s], "target": %s, "met": %s}' "$(echo $samples | sed 's/ /, /g')" \
      "$( [ "$target" = - ] && echo null || json_string "$target")" \
      "$(case "$(meets "$target" "${s[0]}")" in ok) echo true ;; MISSED) echo false ;; *) echo null ;; esac)"
  done < "$figures"
  printf '\n  ],\n  "missing": [%s]\n}\n' "$(sed 's/.*/"&"/' "$work/missing" 2>/dev/null | paste -sd, -)"
}
