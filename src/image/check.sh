#!/usr/bin/env bash
# Runs the image that Jib wrote, without a container engine: unpacks its layers, then starts
# its entrypoint in a chroot as the image's user, with the image's environment and no
# settings. The service must get as far as its own start-up checks and refuse to start for
# want of a setting (the issuer or a key), logging as JSON, which shows the
# runtime, the libraries, the class path and Spring AOT all work inside the image.
# Needs root (chroot, and /proc bound in, which the JVM's loader reads).
# Usage: check.sh target/jib-image.tar. Run by ./mvnw -Pproduction verify.
set -euo pipefail

image="$1"
work="$(mktemp -d)"
root="$work/root"
cleanup() {
	umount "$root/proc" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/image" "$root"
tar --warning=no-unknown-keyword -xf "$image" -C "$work/image"
manifest="$(cat "$work/image/manifest.json")"
for layer in $(grep -o '"Layers":\[[^]]*\]' <<<"$manifest" | sed 's/"Layers":\[//; s/\]//; s/,/ /g; s/"//g'); do
	tar --warning=no-unknown-keyword -xzf "$work/image/$layer" -C "$root"
done
config="$(cat "$work/image/$(grep -o '"Config":"[^"]*"' <<<"$manifest" | sed 's/"Config":"//; s/"$//')")"
user="$(grep -o '"User":"[^"]*"' <<<"$config" | sed 's/"User":"//; s/"$//')"
mapfile -t environment < <(grep -o '"Env":\[[^]]*\]' <<<"$config" | sed 's/"Env":\["//; s/"\]$//' | sed 's/","/\n/g')
mapfile -t entrypoint < <(grep -o '"Entrypoint":\[[^]]*\]' <<<"$config" | sed 's/"Entrypoint":\["//; s/"\]$//' | sed 's/","/\n/g')
echo "Image $image: $(du -sh "$image" | cut -f1) packed, $(du -sh "$root" | cut -f1) unpacked; user $user"
echo "Entrypoint: ${entrypoint[*]}"
echo "Environment: ${environment[*]}"
mkdir -p "$root/proc"
mount --bind /proc "$root/proc"

chroot --userspec="$user" "$root" /opt/java/bin/java -version

set +e
start=$(date +%s%N)
output="$(env -i "${environment[@]}" "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" 2>&1)"
status=$?
set -e
millis=$(( ($(date +%s%N) - start) / 1000000 ))
# the first setting the service finds missing names its environment variable
if [ "$status" -eq 0 ] || ! grep -qE "set COORDINATION_[A-Z_]+ to" <<<"$output"; then
	echo "The image did not get to the service's start-up check (exit $status):" >&2
	tail -40 <<<"$output" >&2
	exit 1
fi
if ! grep -qE '"message":"Starting (AOT-processed )?CoordinationApplication' <<<"$output"; then
	echo "The image's log is not JSON (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs):" >&2
	head -5 <<<"$output" >&2
	exit 1
fi
echo "The image runs as $user and stops, after ${millis} ms, at the service's check of its settings:"
grep -oE '[^"]*set COORDINATION_[A-Z_]+ to[^"\\]*' <<<"$output" | head -1
