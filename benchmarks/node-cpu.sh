#!/usr/bin/env bash
# CPU cost of a running demo node: CPU microseconds per journaled event, and % of one core, for the whole JVM and
# for the node's own threads (the demo runs the venue simulators in the same process; their threads are split out).
#
#   benchmarks/node-cpu.sh [--jar ops/target/zvt-crypto.jar] [--rate 500] [--warmup 20] [--window 30] [--label x]
#                          [--venues binance,okx,bybit,coinbase]   (a jar older than the venue seam takes no --venues)
#                          [--external]
#
# Starts `zvt demo --port 0` on a fresh data dir (the command ops/bin/zvt runs, with the given jar, so a baseline
# jar can be measured side by side), waits --warmup seconds, reads the process CPU time from /proc/<pid>/stat
# (utime + stime) and each thread's from /proc/<pid>/task/*/schedstat (ns on CPU) at the start and end of a --window
# second window, stops the demo with SIGTERM (it drains and exits), and counts the events journaled in the window
# with `zvt journal dump --from --to` (receive time). --rate 0 measures an idle node: feeds connected, no traffic.
# Environment overrides reach the node (e.g. ZVT_DB_ENABLED=false, ZVT_RING_WAIT=blocking). Prints one summary line
# and the busiest threads. Results: benchmarks/RESULTS.md, "Node CPU per event and when idle".
#
# --external runs the node alone in its JVM: one `zvt simulate` process per venue at the same rate and seed, and
# `zvt run` on the demo's settings pointed at them (ZVT_NODE_EXTRA adds config lines, e.g. a Binance-only jar's
# channels and symbols). Then "process" is the node's whole JVM (JIT and GC included) and nothing of the simulators,
# whose CPU is printed apart.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/ops/bin/jdk.sh"

jar="$root/ops/target/zvt-crypto.jar"
rate=500
warmup=20
window=30
label=run
venues=()
external=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --venues) venues=(--venues "$2"); shift 2 ;;
    --external) external=true; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

dir=$(mktemp -d /tmp/cpu-demo-XXXXXX)
java_cmd=("$JAVA_HOME/bin/java" ${ZVT_JAVA_OPTS:--Xmx1g} -jar "$jar")
pid=
simulators=()
stop_all() { kill -TERM $pid "${simulators[@]}" 2>/dev/null || true; }
trap stop_all EXIT
# Waits until $1 holds a line matching $2 while process $3 lives.
await_line() {
  for _ in $(seq 120); do
    grep -q "$2" "$1" && return 0
    kill -0 "$3" 2>/dev/null || { cat "$1" >&2; exit 1; }
    sleep 1
  done
  echo "no '$2' in $1" >&2; exit 1
}
if $external; then
  venue_list=${venues[1]:-binance,okx,bybit,coinbase}
  conf="$dir/node.properties"
  printf '%s\n' "journal.dir = $dir/journal" "db.embedded.dir = $dir/postgres" "gateway.port = 0" \
    "gateway.auth.enabled = false" "venues = $venue_list" > "$conf"
  venue_option=false  # a jar older than the venue seam simulates Binance only and has no --venue
  "$JAVA_HOME/bin/java" -jar "$jar" simulate --help 2>&1 | grep -q -- --venue && venue_option=true
  for venue in ${venue_list//,/ }; do
    $venue_option && venue_args=(--venue "$venue") || venue_args=()
    "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" simulate "${venue_args[@]}" --port 0 --rate "$rate" >"$dir/sim-$venue.log" 2>&1 &
    simulators+=($!)
    await_line "$dir/sim-$venue.log" '^simulated' $!
    # "  <venue>.ws.url = ..." lines; a jar older than the venue seam prints its two URLs in one sentence instead.
    sed -n -e 's/^  \([a-z]*\.[a-z.]* = .*\)$/\1/p' \
      -e 's/^simulated Binance: \(\S*\) (set binance.ws.url to it), REST \(\S*\)$/binance.ws.url = \1\nbinance.rest.url = \2/p' \
      "$dir/sim-$venue.log" >> "$conf"
  done
  printf '%s\n' "${ZVT_NODE_EXTRA:-}" >> "$conf"
  "${java_cmd[@]}" run --config "$conf" >"$dir/demo.log" 2>&1 &
  pid=$!
  await_line "$dir/demo.log" '^gateway: ' $pid
else
  "${java_cmd[@]}" demo --port 0 --data-dir "$dir" --rate "$rate" "${venues[@]}" >"$dir/demo.log" 2>&1 &
  pid=$!
  await_line "$dir/demo.log" '^zvt-crypto demo:' $pid
fi
sleep "$warmup"

# name<TAB>ns on CPU, one line per thread (comm is the first 15 characters of the Java thread name).
sample() {
  for task in /proc/$pid/task/*; do
    printf '%s\t%s\n' "$(cat "$task/comm" 2>/dev/null)" "$(cut -d' ' -f1 "$task/schedstat" 2>/dev/null || echo 0)"
  done
}
# utime + stime in ns of the processes given (counts threads that end within the window too).
process_ns() {
  for p in "$@"; do cat /proc/$p/stat; done \
    | awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); t += $12 + $13 } END { printf "%d", t * 1e9 / hz }'
}
declare -A before
t0=$(date +%s%N)
p0=$(process_ns $pid)
s0=$(process_ns "${simulators[@]}")
while IFS=$'\t' read -r name ns; do before[$name]=$(( ${before[$name]:-0} + ns )); done < <(sample)
sleep "$window"
t1=$(date +%s%N)
p1=$(process_ns $pid)
s1=$(process_ns "${simulators[@]}")
declare -A delta
while IFS=$'\t' read -r name ns; do delta[$name]=$(( ${delta[$name]:-0} + ns )); done < <(sample)
for name in "${!before[@]}"; do delta[$name]=$(( ${delta[$name]:-0} - ${before[$name]} )); done

kill -TERM $pid
wait $pid || true
kill -TERM "${simulators[@]}" 2>/dev/null || true
trap - EXIT
events=$("${java_cmd[@]}" journal dump --dir "$dir/journal" --from "$t0" --to "$t1" 2>&1 >/dev/null \
  | sed -n 's/^dumped \([0-9]*\) of.*/\1/p')

total=$(awk -v a="$p0" -v b="$p1" 'BEGIN { printf "%d", b - a }'); simulator=0
for name in "${!delta[@]}"; do
  # Simulator threads: each venue simulator's Netty loop (<venue>-simulator-*) and the REST simulator's.
  case "$name" in *-simul*|rest-simulator*) simulator=$(( simulator + delta[$name] )) ;; esac
done
node=$(( total - simulator ))
elapsed=$(( t1 - t0 ))
awk -v label="$label" -v rate="$rate" -v ev="${events:-0}" -v el="$elapsed" -v tot="$total" -v node="$node" \
  -v sims=$(( s1 - s0 )) -v external=$external \
  'BEGIN { printf "%s rate=%s window=%.1fs events=%d (%.0f/s) process: %.1f%% core %.1f us/event |" \
    " node threads: %.1f%% core %.1f us/event%s\n",
    label, rate, el/1e9, ev, ev/(el/1e9), 100*tot/el, ev ? tot/1e3/ev : 0, 100*node/el, ev ? node/1e3/ev : 0,
    external == "true" ? sprintf(" | simulator processes: %.1f%% core", 100*sims/el) : "" }'
for name in "${!delta[@]}"; do printf '%s\t%s\n' "$name" "${delta[$name]}"; done | sort -t$'\t' -k2 -n -r | head -20 \
  | awk -F'\t' -v el="$elapsed" '{ printf "    %-16s %6.2f%% core\n", $1, 100*$2/el }'
rm -rf "$dir"
