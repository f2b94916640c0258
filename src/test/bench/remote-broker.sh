#!/usr/bin/env bash
# Benchmark: how long `mvn verify` takes, and what it says, against brokers that are far away or
# misbehave — built from the kit's own reference platform and network lab (org.dynreg.tck.net).
#
#   src/test/bench/remote-broker.sh                     # every case
#   src/test/bench/remote-broker.sh silent garbage      # some cases
#   BENCH_MVN_ARGS=-Dparallel=8 src/test/bench/remote-broker.sh rtt100   # with Maven options of your own
#
# Cases: loopback rtt100 rtt300 jitter no-reply silent garbage closing vanishing (see `case` below).
# Each case that needs a broker starts a fresh standalone reference platform (a run consumes devices),
# serving fixtures/embedded.yaml's devices, and puts the lab's proxy in front of it; the fixture is
# shaped like fixtures/vendor-example.yaml (replySeconds 10, silenceMillis 1000). Every process it
# starts is stopped by its PID, also on failure. Output: a Markdown table on stdout and in
# target/bench/results.md; each run's log and summary under target/bench/<case>/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
work="$root/target/bench"
mkdir -p "$work"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(loopback rtt100 rtt300 jitter no-reply silent garbage closing vanishing)

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for p in $(shuf -i 20000-32000 -n 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [[ " ${taken:-} " != *" $p "* ]]; then
      taken="${taken:-} $p"; echo "$p"; return
    fi
  done
  echo "remote-broker.sh: no free port" >&2; exit 2
}
wait_for_port() { # port seconds
  for _ in $(seq $(($2 * 10))); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "remote-broker.sh: nothing listens on $1 after $2 s" >&2; return 1
}

# The project's classes and its test classes (the network lab), built once; then plain `java`.
mvn -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
cp="target/classes:target/test-classes:$(cat "$work/classpath.txt")"

platform() { # port [java -D options...]: a fresh reference platform
  local port=$1; shift
  java -cp "$cp" -Dport="$port" "$@" org.dynreg.tck.platform.ReferencePlatformMain >"$dir/platform.log" 2>&1 &
  pids+=($!)
  wait_for_port "$port" 60
}
lab() { # kind port [java -D options...]: a tool of the network lab
  local kind=$1 port=$2; shift 2
  java -cp "$cp" -Dlab="$kind" -Dport="$port" "$@" org.dynreg.tck.net.Lab >"$dir/lab.log" 2>&1 &
  pids+=($!)
  # its start line, not a test connection: the vanishing proxy's clock starts with its first connection
  for _ in $(seq 300); do grep -q "^network lab: " "$dir/lab.log" && return 0; sleep 0.1; done
  echo "remote-broker.sh: the lab's $kind did not start within 30 s: $(cat "$dir/lab.log")" >&2; return 1
}
fixture() { # broker-uri: fixtures/embedded.yaml's products, devices and observer; the vendor example's timeouts
  sed -e "s|^broker: .*|broker: $1|" -e "s|replySeconds: .*|replySeconds: 10|" -e "s|silenceMillis: .*|silenceMillis: 1000|" \
    fixtures/embedded.yaml > "$dir/fixture.yaml"
}

rows=()
for name in "${cases[@]}"; do
  dir="$work/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  taken=""  # ports below the ephemeral range (32768+), where outgoing connections take theirs
  broker_port=$(free_port)
  front=$(free_port)
  case "$name" in
    loopback)  what="conformant, on loopback"
               platform "$broker_port"; front=$broker_port ;;
    rtt100)    what="conformant, 100 ms round trip"
               platform "$broker_port"; lab proxy "$front" -Dtarget=127.0.0.1:"$broker_port" -Ddelay=50 ;;
    rtt300)    what="conformant, 300 ms round trip"
               platform "$broker_port"; lab proxy "$front" -Dtarget=127.0.0.1:"$broker_port" -Ddelay=150 ;;
    jitter)    what="conformant, 100 ms ± 30 ms jitter each way, replies after 1.5 s"
               platform "$broker_port" -DreplyDelayMillis=1500
               lab proxy "$front" -Dtarget=127.0.0.1:"$broker_port" -Ddelay=50 -Djitter=30 ;;
    no-reply)  what="never answers password requests (loopback)"
               platform "$broker_port" -Ddeviations=NO_REPLY; front=$broker_port ;;
    silent)    what="accepts TCP, never sends a CONNACK"
               lab silent "$front" ;;
    garbage)   what="sends bytes that are not MQTT"
               lab garbage "$front" ;;
    closing)   what="closes every connection"
               lab closing "$front" ;;
    vanishing) what="stops 2 s into the run (reset, then refused)"
               platform "$broker_port"; lab vanishing "$front" -Dtarget=127.0.0.1:"$broker_port" -Dafter=2 ;;
    *) echo "remote-broker.sh: unknown case $name (use: loopback rtt100 rtt300 jitter no-reply silent garbage closing vanishing)" >&2
       exit 2 ;;
  esac
  fixture "tcp://127.0.0.1:$front"
  rm -f target/conformance/summary.json target/conformance/summary.md
  echo "== $name: $what ==" >&2
  start=$(date +%s.%N)
  set +e
  # shellcheck disable=SC2086 # BENCH_MVN_ARGS is a list of Maven options, e.g. "-Dparallel=8"
  mvn -B -ntp -o verify -Dbroker="tcp://127.0.0.1:$front" -Dfixture="$dir/fixture.yaml" ${BENCH_MVN_ARGS:-} >"$dir/mvn.log" 2>&1
  rc=$?
  set -e
  seconds=$(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.0f')
  stop_all
  cp target/conformance/summary.* "$dir/" 2>/dev/null || true
  verdict=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"])' "$dir/summary.json" 2>/dev/null || echo "no summary")
  said=$(python3 - "$dir/summary.json" <<'PY' 2>/dev/null || echo ""
import json, sys
s = json.load(open(sys.argv[1]))
if "setupFailure" in s:
    print(s["setupFailure"])
else:
    failed = ", ".join(s["failedMustRules"])
    parts = []
    if failed: parts.append("failed: " + failed)
    if "brokerLost" in s: parts.append(s["brokerLost"])
    if s["notRun"]: parts.append("%d not run" % len(s["notRun"]))
    if s["errors"]: parts.append("%d ERROR" % len(s["errors"]))
    print("; ".join(parts))
PY
)
  error_lines=$(grep -c '^\[ERROR\]' "$dir/mvn.log" || true)
  rows+=("| $what | $seconds s | $verdict | ${said//|/\\|} | $rc / $error_lines |")
done

{
  echo "| broker under test | \`mvn verify\` wall time | verdict | what it said | exit code / [ERROR] lines |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$work/results.md"
