#!/usr/bin/env bash
# Sourced by check.sh and train.sh, which run the image that Jib wrote without a container
# engine. open_image <image tar> unpacks it into a temporary directory, $image_root, which
# is removed when the script exits. unpack_image <image tar> <root> unpacks its layers into
# <root>, binds /proc in
# (the JVM's loader reads it; unbind_image undoes that), adds the devices a container
# engine would, and sets what the image's config
# says: image_user, image_environment and image_entrypoint (arrays). Needs root.

unpack_image() {
	local image="$1" root="$2" work manifest config layer
	work="$(mktemp -d)"
	mkdir -p "$root"
	tar --warning=no-unknown-keyword -xf "$image" -C "$work"
	manifest="$(cat "$work/manifest.json")"
	for layer in $(grep -o '"Layers":\[[^]]*\]' <<<"$manifest" | sed 's/"Layers":\[//; s/\]//; s/,/ /g; s/"//g'); do
		tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$root"
	done
	config="$(cat "$work/$(grep -o '"Config":"[^"]*"' <<<"$manifest" | sed 's/"Config":"//; s/"$//')")"
	rm -rf "$work"
	image_user="$(grep -o '"User":"[^"]*"' <<<"$config" | sed 's/"User":"//; s/"$//')"
	mapfile -t image_environment < <(grep -o '"Env":\[[^]]*\]' <<<"$config" | sed 's/"Env":\["//; s/"\]$//' | sed 's/","/\n/g')
	mapfile -t image_entrypoint < <(grep -o '"Entrypoint":\[[^]]*\]' <<<"$config" | sed 's/"Entrypoint":\["//; s/"\]$//' | sed 's/","/\n/g')
	# the devices every container engine puts in: without /dev/urandom the JVM seeds its
	# SecureRandom from thread timings, which takes seconds
	mkdir -p "$root/dev"
	mknod -m 666 "$root/dev/null" c 1 3
	mknod -m 666 "$root/dev/zero" c 1 5
	mknod -m 666 "$root/dev/random" c 1 8
	mknod -m 666 "$root/dev/urandom" c 1 9
	mkdir -p "$root/proc"
	mount --bind /proc "$root/proc"
}

unbind_image() {
	if mountpoint -q "$1/proc"; then
		umount "$1/proc"
	fi
}

open_image() {
	image_work="$(mktemp -d)"
	image_root="$image_work/root"
	trap close_image EXIT
	unpack_image "$1" "$image_root"
}

close_image() {
	# never remove what is still bound in
	unbind_image "$image_root" && rm -rf --one-file-system "$image_work"
}
