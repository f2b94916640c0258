#!/usr/bin/env bash
# Benchmark: the HiveMQ client's own CPU per connection of a storm device (build, CONNECT, CONNACK, DISCONNECT,
# nothing else), on the storm's executors and JVM options, against the embedded reference platform.
# A registration makes two such connections: twice this figure is a floor under the storm's driver CPU per
# registration (README, "Registration storm").
#
#   src/test/bench/connection-floor.sh              # 5 rounds of 10,000 connections after a warm-up round
#   src/test/bench/connection-floor.sh 5000 3       # connections per round, rounds
#   src/test/bench/connection-floor.sh 2000 3 PORT  # against a reference platform of fixtures/embedded.yaml already
#                                                   # listening on 127.0.0.1:PORT (e.g. behind the lab's delaying proxy)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
work="$root/target/bench"
mkdir -p "$work"
mvn -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
# C1 only, as the storm's JVM (pom.xml, certification.jvm)
exec java -XX:TieredStopAtLevel=1 -cp "target/classes:target/test-classes:$(cat "$work/classpath.txt")" \
  org.dynreg.tck.storm.ConnectionFloorBench "$@"
