# Criterion's report reduced to one line per benchmark: its name and median time.
# Used by scripts/figures.sh (cargo bench … | awk -f scripts/criterion-summary.awk).
/^Benchmarking/ { next }
/^[A-Za-z][^ ]*( [^ ]+)*$/ && !/^(Found|sweep:|small:|large:|Performance|No change|Change)/ { name = $0; next }
/change:/ { if ($0 !~ /\[/) skip = 1; next }
/time:/ {
  if (skip) { skip = 0; next }
  line = $0
  if (line ~ /^[a-z]/) { split(line, a, "time:"); name = a[1]; gsub(/ +$/, "", name) }
  match(line, /\[[^]]*\]/); v = substr(line, RSTART + 1, RLENGTH - 2); split(v, p, " ")
  printf "  %-40s %s %s\n", name, p[3], p[4]
}
