#!/usr/bin/env bash
# The kit's reference device as a device command, started the way the device bench starts a vendor's device:
#
#   src/examples/device/reference-device.sh --prepare      # once (again after pom.xml changes)
#   mvn verify -Pdevice -Ddevice.cmd="src/examples/device/reference-device.sh"
#
# It runs org.dynreg.tck.device.ReferenceDeviceMain in a JVM of its own with the bench's DYNREG_* environment variables
# (README, "Certify a device"); exec, so the bench's SIGTERM reaches the JVM, whose shutdown hook sends DISCONNECT.
#
# It needs the kit compiled (target/classes: mvn verify does that) and two files it writes under target/:
#   device-classpath.txt  the kit's runtime classpath (mvn dependency:build-classpath), rewritten when missing or
#                         older than pom.xml, also by a start;
#   device-cds.jsa        a class-data-sharing archive of those jars (written by --prepare only): the bench starts
#                         every scenario's device at once, 13 JVMs, and gives each 10 s to connect; the archive halves
#                         a start's CPU time. The kit's own classes are never in it: they load from target/classes.
# Without the archive a start says so on its output (in the report) and runs slower.
#
# Environment: JAVA_HOME (else java from PATH); REFERENCE_DEVICE_JAVA_OPTS (default: C1 only and the serial GC).
set -euo pipefail

kit=$(cd -- "$(dirname -- "$0")/../../.." && pwd)
classes=$kit/target/classes
cp_file=$kit/target/device-classpath.txt
cds=$kit/target/device-cds.jsa
lock=$kit/target/device-prepare.lock
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
opts=${REFERENCE_DEVICE_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}

die() {
    printf 'reference-device.sh: %s\n' "$*" >&2
    exit 2
}

classpath_fresh() {
    [ -s "$cp_file" ] && ! [ "$kit/pom.xml" -nt "$cp_file" ]
}

cds_fresh() {
    [ -s "$cds" ] && ! [ "$cp_file" -nt "$cds" ]
}

# One writer at a time (mkdir is atomic); a lock whose writer is gone (killed by the bench) is taken over.
lock() {
    local waited=0 holder
    until mkdir "$lock" 2>/dev/null; do
        holder=$(cat "$lock/pid" 2>/dev/null || true)
        if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
            rm -rf "$lock"
            continue
        fi
        [ "$waited" -lt 1200 ] || die "waited 120 s for $lock (remove it if nothing is preparing)"
        sleep 0.1
        waited=$((waited + 1))
    done
    echo $$ >"$lock/pid"
    trap 'rm -rf "$lock"' EXIT
}

unlock() {
    rm -rf "$lock"
    trap - EXIT
}

write_classpath() {
    local tmp=$cp_file.$$.tmp
    mvn -q -B -ntp -f "$kit/pom.xml" dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile="$tmp" >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; die "mvn dependency:build-classpath failed in $kit"; }
    mv -f "$tmp" "$cp_file"
    rm -f "$tmp.log"
}

# The classes a start loads, recorded from one start against a closed port (it loads the client, Netty and the
# rest, fails to connect, and is stopped), then archived from the jars alone (-Xshare:dump).
write_cds() {
    local list=$kit/target/device-cds.classlist log=$kit/target/device-cds.log pid
    rm -f "$list" "$cds"
    # shellcheck disable=SC2086
    DYNREG_BROKER=tcp://127.0.0.1:1 DYNREG_PRODUCT_SN=p DYNREG_PRODUCT_SECRET=s DYNREG_DEVICE_SN=d \
        DYNREG_STATE_DIR=$kit/target/device-cds-state \
        "$java" $opts -XX:DumpLoadedClassList="$list" ${log_config[@]+"${log_config[@]}"} \
        -cp "$classes:$(cat "$cp_file")" org.dynreg.tck.device.ReferenceDeviceMain >"$log" 2>&1 &
    pid=$!
    sleep 3
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    "$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$cds" -cp "$(cat "$cp_file")" \
        >>"$log" 2>&1 || { rm -f "$cds"; echo "reference-device.sh: no class-data archive (see $log)" >&2; }
}

[ -f "$classes/org/dynreg/tck/device/ReferenceDeviceMain.class" ] \
    || die "$classes holds no ReferenceDeviceMain: run mvn compile in $kit first"
command -v "$java" >/dev/null 2>&1 || die "no java: set JAVA_HOME or put java on PATH"

# The runtime classpath brings logback, which without a configuration logs at DEBUG: use the kit's quiet one.
log_config=()
[ -f "$kit/src/test/resources/logback-test.xml" ] \
    && log_config=("-Dlogback.configurationFile=$kit/src/test/resources/logback-test.xml")

if [ "${1:-}" = "--prepare" ]; then
    lock
    classpath_fresh || write_classpath
    cds_fresh || write_cds
    unlock
    if [ -s "$cds" ]; then
        echo "reference-device.sh: prepared $cp_file and $cds"
    else
        echo "reference-device.sh: prepared $cp_file (without a class-data archive)"
    fi
    exit 0
fi

if ! classpath_fresh; then
    echo "reference-device.sh: writing $cp_file first (run with --prepare before the bench)" >&2
    lock
    classpath_fresh || write_classpath
    unlock
fi
share=()
if cds_fresh; then
    share=("-XX:SharedArchiveFile=$cds")
else
    echo "reference-device.sh: no class-data archive, a slower start (run with --prepare before the bench)" >&2
fi

# The options unquoted on purpose (they are words); the arrays so, for bash 3.2's set -u with an empty array.
# shellcheck disable=SC2086
exec "$java" $opts ${share[@]+"${share[@]}"} ${log_config[@]+"${log_config[@]}"} \
    -cp "$(cat "$cp_file"):$classes" org.dynreg.tck.device.ReferenceDeviceMain
