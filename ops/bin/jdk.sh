# Sourced by the other scripts: exports JAVA_HOME pointing at a JDK >= 21 (its major version in ZVT_JAVA_MAJOR) and
# puts it first on PATH.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm (newest first).

zvt_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

zvt_select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(zvt_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate" ZVT_JAVA_MAJOR="$major"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "zvt-crypto needs a JDK 21 or newer; none found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  return 1
}

zvt_require_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "Maven not found; installing it from Debian's packages" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
  fi
}

zvt_select_jdk && zvt_require_maven
