#!/usr/bin/env bash
# The root file system under the service in its container image, made from the build's own
# JDK and the build machine's C library, because the build reaches no container registry to
# pull a base image from: a Java runtime cut to the modules the service uses (jlink), the
# shared libraries that runtime needs (found with ldd), a non-root user, and /tmp.
# Usage: runtime.sh <jdk home> <output directory>. Run by ./mvnw -Pproduction package.
set -euo pipefail

jdk="$1"
root="$2"
modules="java.se,jdk.unsupported,jdk.management,jdk.zipfs,jdk.crypto.ec,jdk.naming.dns,jdk.localedata"

rm -rf "$root"
mkdir -p "$root/opt" "$root/etc" "$root/tmp"
# da and en only: the pages and letters are Danish, logs and the API English
"$jdk/bin/jlink" --add-modules "$modules" --include-locales=da,en --strip-debug --no-man-pages \
	--no-header-files --compress=zip-6 --output "$root/opt/java"

# every shared library the runtime's programs and libraries load that is not its own,
# copied to the same path, and the dynamic loader. Not for the X11 window toolkit, the
# splash screen and sound: the service runs headless (PDFs need only the headless AWT)
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
	-not -name 'libawt_xawt.so' -not -name 'libsplashscreen.so' -not -name 'libjsound.so' -print0 \
	| xargs -0 ldd 2>/dev/null \
	| awk '/=> \// { print $3 } /^[ \t]*\/lib/ { print $1 }' \
	| grep -v "^$root" | sort -u \
	| while read -r library; do
		mkdir -p "$root$(dirname "$library")"
		cp -L "$library" "$root$library"
	done
# the JVM looks up host names through NSS, which loads these by name, not by linking
for library in /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 \
	/lib/x86_64-linux-gnu/libresolv.so.2; do
	if [ -e "$library" ]; then
		mkdir -p "$root$(dirname "$library")"
		cp -L "$library" "$root$library"
	fi
done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
coordination:x:10001:10001:Concern Coordination Service:/tmp:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
coordination:x:10001:
GROUP
echo "hosts: files dns" > "$root/etc/nsswitch.conf"
echo "Runtime for the image in $root: $(du -sh "$root" | cut -f1)"
