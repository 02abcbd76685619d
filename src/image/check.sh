#!/usr/bin/env bash
# Runs the image that Jib wrote, without a container engine: unpacks its layers, then starts
# its entrypoint in a chroot as the image's user, with the image's environment and no
# settings. The service must get as far as its own start-up checks and refuse to start for
# want of a setting (the issuer or a key), logging as JSON, which shows the
# runtime, the libraries, the class path, Spring AOT and the JDK's AOT cache all work
# inside the image.
# Needs root (chroot, and /proc bound in, which the JVM's loader reads).
# Usage: check.sh target/jib-image.tar. Run by ./mvnw -Pproduction verify.
set -euo pipefail

image="$1"
# shellcheck source=unpack.sh
source "$(dirname "$0")/unpack.sh"
open_image "$image"
root="$image_root"
user="$image_user"
environment=("${image_environment[@]}")
entrypoint=("${image_entrypoint[@]}")
echo "Image $image: $(du -sh "$image" | cut -f1) packed, $(du -sh --exclude=proc "$root" | cut -f1) unpacked; user $user"
echo "Entrypoint: ${entrypoint[*]}"
echo "Environment: ${environment[*]}"

chroot --userspec="$user" "$root" /opt/java/bin/java -version

# an image with an AOT cache must be able to use it: AOTMode=on makes a cache the JVM
# rejects (another runtime, another class path, a jar changed since) an error at once
cache="none"
if grep -q -- "-XX:AOTCache=" <<<"${entrypoint[*]}"; then
	cache="$(grep -o -- "-XX:AOTCache=[^ ]*" <<<"${entrypoint[*]}" | cut -d= -f2)"
	environment+=("JAVA_TOOL_OPTIONS=-XX:AOTMode=on")
fi

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
echo "The image runs as $user, AOT cache $cache, and stops after ${millis} ms at the service's check of its settings:"
grep -oE '[^"]*set COORDINATION_[A-Z_]+ to[^"\\]*' <<<"$output" | head -1
