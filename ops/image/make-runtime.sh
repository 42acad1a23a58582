#!/usr/bin/env bash
# Builds what the OCI image holds besides the application (Jib adds that): a jlinked Java runtime made from the build's
# JDK, the glibc libraries it links against, copied from this (Debian) host, CA certificates, the JVM arguments file
# and the mount points. The image has no base (Jib's "scratch"): no registry is needed to build it, and it holds
# nothing the node does not run, not even a shell.
#   make-runtime.sh <output dir> <JDK home> <JVM flags, space-separated>
# Called by the "image" profile of ops/pom.xml (README.md, "Image").
set -euo pipefail
out=$1 jdk=$2 jvm_flags=$3
rm -rf "$out"
mkdir -p "$out"

# The node's modules: jdeps --print-module-deps of the runnable jar, plus jdk.compiler (Chronicle compiles generated
# code at run time; the JVM flags open it) and, where the JDK still has it, jdk.crypto.ec (JDK 21's elliptic-curve
# TLS key exchange; JDK 22+ moved it into java.base and keeps an empty module).
modules=java.base,java.compiler,java.desktop,java.naming,java.security.jgss,java.sql,jdk.compiler,jdk.jfr
modules+=,jdk.management,jdk.unsupported
if "$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then
  modules+=,jdk.crypto.ec
fi
# jlink writes legal notices as symlinks; the copy below makes them files (an image layer should hold no links out).
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --output "$out/jlink"
mkdir -p "$out/opt"
cp -RL "$out/jlink" "$out/opt/java"
rm -rf "$out/jlink"

# Shared libraries the runtime loads, at the paths ldd resolves them to (the ELF interpreter path is absolute).
# The AWT/X11/sound natives are never loaded by a headless server, so their X11 and ALSA libraries stay out.
find "$out/opt/java" -name '*.so' ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' \
    ! -name 'libjsound.so' -print0 | xargs -0 ldd "$out/opt/java/bin/java" 2>/dev/null \
  | awk '$2 == "=>" {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' | grep -E '^/(usr/)?lib' | sort -u \
  | while read -r lib; do
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    done

# The JVM's own trust store (lib/security/cacerts) serves TLS to the venues; the system bundle is for anything
# native that looks at /etc/ssl.
mkdir -p "$out/etc/ssl/certs"
cp -L /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/"

# One JVM flag per line, from the build's single list (root pom, jvm.module.args); JDK 23+ also needs Unsafe memory
# access allowed for jffi and Chronicle (JEP 471), which JDK 21 and 22 would refuse as an unknown option.
mkdir -p "$out/opt/zvt"
tr ' ' '\n' <<< "$jvm_flags" | sed '/^$/d' > "$out/opt/zvt/jvm.args"
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$out/opt/java/release")
if [ "$major" -ge 23 ]; then
  echo "--sun-misc-unsafe-memory-access=allow" >> "$out/opt/zvt/jvm.args"
fi

# Mount points (Kubernetes mounts the config, the journal volume and an emptyDir /tmp here).
mkdir -p "$out/etc/zvt" "$out/var/lib/zvt" "$out/tmp"
