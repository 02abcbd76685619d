#!/usr/bin/env bash
# Trains the JDK's AOT cache for the image that Jib wrote: runs its entrypoint in a chroot
# of its unpacked layers, as its user, up to the end of the service's start
# (-Dspring.context.exit=onRefresh) against a real database, with -XX:AOTCacheOutput, so
# that the cache is made by the image's own runtime for the image's own class path, which
# the JVM checks when it opens the cache. Then times the start to ready without and with
# the cache (TRAINING_RUNS times each, default 3). The settings (a database, keys) come as NAME=value arguments, as the environment
# gives them in production.
# Usage: train.sh <image tar> <output directory> NAME=value...
# Writes <output directory>/app/aot/app.aot, the layer the second Jib pass adds,
# <output directory>/start-times.txt and the runs' logs. Run by ./mvnw -Pproduction verify through
# ImageTraining, which starts the database. Needs root (chroot).
set -euo pipefail

image="$1"
output="$2"
shift 2
settings=("$@")
runs="${TRAINING_RUNS:-3}"
# shellcheck source=unpack.sh
source "$(dirname "$0")/unpack.sh"
open_image "$image"
root="$image_root"

# the entrypoint, with JVM options after its first word (java), in the background; the
# process's id is the JVM's, since env and chroot exec what they run
launch() {
	local log="$1"
	shift
	env -i "${image_environment[@]}" "${settings[@]}" "$(command -v chroot)" --userspec="$image_user" "$root" \
		"${image_entrypoint[0]}" "$@" "${image_entrypoint[@]:1}" >"$log" 2>&1 &
	jvm=$!
}

failed() {
	echo "$1:" >&2
	tail -40 "$2" >&2
	exit 1
}

# the training run: up to the end of the context's refresh, where Spring exits
train() {
	local log="$output/training.log" start
	start=$(date +%s%N)
	launch "$log" -XX:AOTCacheOutput="$1" -Dspring.context.exit=onRefresh
	wait "$jvm" || failed "The training run failed" "$log"
	[ -s "$root$1" ] || failed "The training run wrote no AOT cache" "$log"
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}

# a start to Spring's "Started" line (the service is ready then; the readiness probe says
# so once the next event is handled), then a SIGTERM. Prints the milliseconds the script
# saw and the JVM's own "process running for" figure
start() {
	local log="$1" begin millis
	shift
	begin=$(date +%s%N)
	launch "$log" "$@"
	# polls the log, ten times a second, for as long as the JVM runs
	until grep -q '"message":"Started CoordinationApplication' "$log"; do
		kill -0 "$jvm" 2>/dev/null || failed "The service did not start in the image" "$log"
		sleep 0.1
	done
	millis=$(( ($(date +%s%N) - begin) / 1000000 ))
	kill -TERM "$jvm"
	wait "$jvm" || true
	echo "$millis $(grep -o 'process running for [0-9.]*' "$log" | grep -o '[0-9.]*$')"
}

cache=/tmp/app.aot
mkdir -p "$output/app/aot"
training=$(train "$cache")
cp "$root$cache" "$output/app/aot/app.aot"

plain=()
cached=()
for run in $(seq "$runs"); do
	read -r millis jvm_seconds < <(start "$output/plain-$run.log")
	plain+=("$millis ms ($jvm_seconds s)")
	# AOTMode=on: a cache the JVM cannot use is an error, not a silently slow start
	read -r millis jvm_seconds < <(start "$output/cached-$run.log" -XX:AOTCache="$cache" -XX:AOTMode=on)
	cached+=("$millis ms ($jvm_seconds s)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
{
	echo "AOT cache $(du -m "$output/app/aot/app.aot" | cut -f1) MB, trained in ${training} ms"
	echo "start to ready, median of $runs (the JVM's own figure in brackets):" \
		"$(median "${plain[@]}") without the cache, $(median "${cached[@]}") with it"
	echo "without: ${plain[*]}; with: ${cached[*]}"
} | tee "$output/start-times.txt"
