#!/usr/bin/env bash
# Example: certify a device built on the platform's C device SDK with the device bench.
#
#   DEVICE_PROGRAM=/path/to/sdk/output/release/bin/dynamic_auth_sample \
#   mvn verify -Pdevice -Ddevice.cmd="src/examples/device/c-sdk-wrapper.sh"
#
# The bench starts this script once per scenario (twice for DEV-7) with its parameters in DYNREG_* environment
# variables (README, "Certify a device"); the script checks them, maps them onto the program's command line and
# replaces itself with the program (exec), so the bench's SIGTERM, and its SIGKILL 3 s later, reach the program.
#
# The program is the SDK's dynamic-registration sample, samples/dynamic_auth/dynamic_auth_sample.c of the UCloud IoT
# device SDK for C (github.com/ucloud/ucloud-iot-device-sdk-c; built by `make` into output/release/bin/), as a vendor
# adapts it for the bench. As published, the sample takes no arguments:
#   - ProductSN, DeviceSN and ProdSecret are compile-time #defines (UIOT_MY_PRODUCT_SN, UIOT_MY_DEVICE_SN,
#     UIOT_MY_PRODUCT_SECRET) copied into MQTTInitParams.product_sn, .device_sn and .product_secret;
#   - the broker is UIOT_MQTT_DIRECT_DOMAIN (src/sdk-impl/uiot_export.h), port 8883 with TLS (make.settings:
#     FEATURE_SUPPORT_TLS = y), 1883 without; the bench's platform is plain TCP on a free port of 127.0.0.1;
#   - IOT_MQTT_Dynamic_Register() hands the DevSecret to HAL_SetDeviceSecret(), which the Linux HAL
#     (platform/os/linux/HAL_OS_linux.c) keeps in memory only, and the sample registers again at every start.
# The adaptation this wrapper assumes (the option names are this example's, not the SDK's):
#   --host H --port P       the broker, instead of UIOT_MQTT_DIRECT_DOMAIN and the fixed port (TLS off);
#   --product-sn S          MQTTInitParams.product_sn;
#   --device-sn S           MQTTInitParams.device_sn;
#   environment UIOT_PRODUCT_SECRET
#                           MQTTInitParams.product_secret (not on the command line, which every local user can
#                           read with ps);
#   --device-secret-file F  where HAL_SetDeviceSecret() writes the DevSecret and HAL_GetDeviceSecret() reads it;
#                           main() logs in with a stored secret (authmode 1) and calls IOT_MQTT_Dynamic_Register()
#                           only without one (DEV-7: the next start must not register again);
#   and, inside the registration, the request only after the SUBACK (the event handler's MQTT_EVENT_SUBSCRIBE_SUCCESS):
#   IOT_MQTT_Dynamic_Register() publishes it 200 ms after its SUBSCRIBE, acknowledged or not (DEV-2).
# The file is in DYNREG_STATE_DIR, which the bench keeps between the starts of one scenario (each has its own, empty at
# its first start).
# Adapt the option names to your program; keep the checks, the secret file in DYNREG_STATE_DIR, and the exec.
#
# DEVICE_PROGRAM: the program (default ./output/release/bin/dynamic_auth_sample; a relative path is taken from the
# directory mvn runs in).
set -euo pipefail

me=c-sdk-wrapper.sh

die() {
    printf '%s: %s\n' "$me" "$*" >&2
    exit 2
}

for name in DYNREG_BROKER DYNREG_BROKER_HOST DYNREG_BROKER_PORT DYNREG_PRODUCT_SN DYNREG_PRODUCT_SECRET \
    DYNREG_DEVICE_SN DYNREG_STATE_DIR; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || die "$name is not set (the device bench sets it: mvn verify -Pdevice -Ddevice.cmd=\"$0\")"
done

case $DYNREG_BROKER in
    tcp://*) ;;
    *) die "DYNREG_BROKER=$DYNREG_BROKER: this program connects over plain TCP only (built with FEATURE_SUPPORT_TLS = n)" ;;
esac

# The SDK's limits (src/sdk-impl/uiot_export.h: MAX_SIZE_OF_PRODUCT_SN, MAX_SIZE_OF_DEVICE_SN, MAX_SIZE_OF_PRODUCT_SECRET).
[ "${#DYNREG_PRODUCT_SN}" -le 16 ] || die "DYNREG_PRODUCT_SN has ${#DYNREG_PRODUCT_SN} characters, the SDK takes 16 at most"
[ "${#DYNREG_DEVICE_SN}" -le 64 ] || die "DYNREG_DEVICE_SN has ${#DYNREG_DEVICE_SN} characters, the SDK takes 64 at most"
[ "${#DYNREG_PRODUCT_SECRET}" -le 16 ] || die "DYNREG_PRODUCT_SECRET is longer than the SDK's 16 characters"

program=${DEVICE_PROGRAM:-./output/release/bin/dynamic_auth_sample}
[ -f "$program" ] && [ -x "$program" ] \
    || die "DEVICE_PROGRAM=$program is not an executable file (from $(pwd)): build the adapted sample, or set DEVICE_PROGRAM"

mkdir -p "$DYNREG_STATE_DIR"
secret_file=$DYNREG_STATE_DIR/device_secret
if [ -s "$secret_file" ]; then
    echo "$me: a DevSecret is stored in $secret_file: the device logs in with it"
else
    echo "$me: no DevSecret stored yet: the device registers"
fi

export UIOT_PRODUCT_SECRET=$DYNREG_PRODUCT_SECRET
exec "$program" \
    --host "$DYNREG_BROKER_HOST" \
    --port "$DYNREG_BROKER_PORT" \
    --product-sn "$DYNREG_PRODUCT_SN" \
    --device-sn "$DYNREG_DEVICE_SN" \
    --device-secret-file "$secret_file"
