#!/usr/bin/env bash
# Certifies an independent broker with dynreg-tck: stock Eclipse Mosquitto 2 whose dynamic-security
# plugin enforces the spec, plus the dynreg registrar (MosquittoRegistrar) that issues device secrets.
# It starts both on free loopback ports (plain TCP and TLS, with a throwaway CA), writes the fixtures,
# runs the certification over each transport, and stops everything it started, also on failure.
#
#   src/examples/mosquitto/certify.sh            (needs: apt-get install -y mosquitto mosquitto-clients openssl)
#
# Output: target/mosquitto-example/summary-tcp.md, summary-ssl.md (and the logs of both services).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/src/examples/mosquitto"
cd "$root"

for tool in mosquitto mosquitto_ctrl openssl java mvn; do
  command -v "$tool" >/dev/null || { echo "certify.sh: $tool is missing (apt-get install -y mosquitto mosquitto-clients openssl)"; exit 2; }
done
plugin=$(dpkg -L mosquitto 2>/dev/null | grep 'mosquitto_dynamic_security.so$' | head -1 || true)
[ -n "$plugin" ] || plugin=$(ls /usr/lib/*/mosquitto_dynamic_security.so 2>/dev/null | head -1 || true)
[ -n "$plugin" ] || { echo "certify.sh: Mosquitto's dynamic-security plugin was not found"; exit 2; }

work="$root/target/mosquitto-example"
rm -rf "$work"
mkdir -p "$work"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  # below Linux's ephemeral range (32768-60999): a port there can be taken by any outgoing connection's local end
  # between this check and Mosquitto's bind (CI saw "Address already in use")
  for p in $(shuf -i 20000-32000 -n 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [[ " ${taken:-} " != *" $p "* ]]; then
      taken="${taken:-} $p"; echo "$p"; return
    fi
  done
  echo "certify.sh: no free port" >&2; exit 2
}
wait_for() { # what, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" 2>/dev/null && return 0; sleep 0.1; done
  echo "certify.sh: $what did not happen within $seconds s" >&2; return 1
}
taken=""
tcp_port=$(free_port)
tls_port=$(free_port)
while [[ $tls_port == "$tcp_port" ]]; do tls_port=$(free_port); done # free_port runs in a subshell: it cannot see the first

# A throwaway CA and a server certificate for 127.0.0.1.
(cd "$work"
 openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=dynreg example CA" -keyout ca.key -out ca.pem 2>/dev/null
 openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr 2>/dev/null
 printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > san.ext
 openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out server.pem 2>/dev/null)

# Secrets of this run only, handed over through the environment.
export PRODUCT_SECRET=$(openssl rand -hex 8) OTHER_PRODUCT_SECRET=$(openssl rand -hex 8)
export OBSERVER_PASSWORD=$(openssl rand -hex 12) REGISTRAR_USER=admin REGISTRAR_PASSWORD=$(openssl rand -hex 16)
mosquitto_ctrl dynsec init "$work/dynsec.json" "$REGISTRAR_USER" "$REGISTRAR_PASSWORD" >/dev/null

# The registrar: this example's own Java code (beside this script), on the spec vocabulary and the MQTT client.
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
example_cp="target/classes:$(cat "$work/classpath.txt")"
javac -d "$work/registrar-classes" -cp "$example_cp" $(find "$here/java" -name '*.java') \
  || { echo "the registrar does not compile"; exit 1; }
registrar=(java -cp "$work/registrar-classes:$example_cp" org.dynreg.tck.examples.mosquitto.MosquittoRegistrar)
"${registrar[@]}" prepare "$work/dynsec.json"

cat > "$work/mosquitto.conf" <<EOF
user root
per_listener_settings false
allow_anonymous false
persistence false
log_dest file $work/mosquitto.log
plugin $plugin
plugin_opt_config_file $work/dynsec.json
listener $tcp_port 127.0.0.1
listener $tls_port 127.0.0.1
cafile $work/ca.pem
certfile $work/server.pem
keyfile $work/server.key
EOF
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.out" 2>&1 &
pids+=($!)
wait_for "Mosquitto listening on $tcp_port" 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$tcp_port"

# Fixtures: one per transport, each with never-registered devices of its own; the registrar knows all.
per_run=180
fixture() { # file broker first-device count [tls]
  local file=$1 broker=$2 first=$3 count=$4 tls=${5:-}
  {
    echo "broker: $broker"
    echo 'mqttVersions: ["3.1.1", "5"]'
    echo 'product:'
    echo '  productSN: 70ly1tvowt696r15'
    echo '  productSecret: ${PRODUCT_SECRET}'
    echo '  whitelistedDevices:'
    for i in $(seq "$first" $((first + count - 1))); do printf '    - "66%010d"\n' "$i"; done
    echo '  unlistedDevices: ["665544332211"]'
    echo 'productWithoutDynamicRegistration:'
    echo '  productSN: 0b2sxl3ro2e5jyus'
    echo '  productSecret: ${OTHER_PRODUCT_SECRET}'
    echo '  whitelistedDevices: ["010203040506"]'
    echo 'observer:'
    echo '  clientId: conformance-observer'
    echo '  username: observer'
    echo '  password: ${OBSERVER_PASSWORD}'
    [ -z "$tls" ] || printf 'tls:\n  caFile: %s\n' "$work/ca.pem"
  } > "$file"
}
fixture "$work/platform.yaml" "tcp://127.0.0.1:$tcp_port" 0 $((2 * per_run))
fixture "$work/fixture-tcp.yaml" "tcp://127.0.0.1:$tcp_port" 0 "$per_run"
fixture "$work/fixture-ssl.yaml" "ssl://127.0.0.1:$tls_port" "$per_run" "$per_run" tls

# The registrar provisions the devices, then answers password requests.
"${registrar[@]}" "tcp://127.0.0.1:$tcp_port" "$work/platform.yaml" >"$work/registrar.log" 2>&1 &
pids+=($!)
wait_for "the registrar's provisioning" 60 grep -q "registrar ready" "$work/registrar.log" || { cat "$work/registrar.log"; exit 1; }

status=0
for transport in tcp ssl; do
  echo "== certifying Mosquitto over $transport =="
  mvn -B -q failsafe:integration-test failsafe:verify -Dfixture="$work/fixture-$transport.yaml" || status=1
  cp target/conformance/summary.md "$work/summary-$transport.md"
  cp target/conformance/summary.json "$work/summary-$transport.json"
done
echo "summaries: $work/summary-tcp.md, $work/summary-ssl.md"
exit $status
