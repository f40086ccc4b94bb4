#!/bin/sh
# Compiles the RDSEED shim into $1/<os>-<arch>/, with its JNI entry points when $2 (a JDK home,
# default $JAVA_HOME) has the JNI headers. Without a C compiler, or on a CPU family the shim does
# not support, it prints why and succeeds: the driver then reports itself unavailable.
set -e
out="$1"
jdk="${2:-$JAVA_HOME}"
src="$(dirname "$0")/quamtx_rdseed.c"
cc="${CC:-gcc}"
arch="$(uname -m)"
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
if [ "$arch" != "x86_64" ]; then
  echo "[quamtx] RDSEED shim not built: architecture $arch has no RDSEED"
  exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[quamtx] RDSEED shim not built: C compiler '$cc' not found"
  exit 0
fi
if [ ! -f "$jdk/include/jni.h" ] || [ ! -f "$jdk/include/$os/jni_md.h" ]; then
  echo "[quamtx] RDSEED shim not built: no JNI headers under '$jdk/include' (a JDK, not a JRE)"
  exit 0
fi
mkdir -p "$out/$os-$arch"
"$cc" -O2 -fPIC -shared -Wall -Wextra -Werror -DQUAMTX_JNI -I"$jdk/include" -I"$jdk/include/$os" \
  -o "$out/$os-$arch/libquamtx_rdseed.so" "$src"
echo "[quamtx] RDSEED shim built with JNI: $out/$os-$arch/libquamtx_rdseed.so"
