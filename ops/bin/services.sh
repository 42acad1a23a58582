# Sourced by the test script: makes sure PostgreSQL (127.0.0.1:5432, trust auth, database test) and Redis
# (127.0.0.1:6379) are up, starting them, or installing them from Debian's packages on a fresh machine; that
# Node.js is there for the TimescaleDB path test (TimescaleDB runs as PGlite's WASM build under node); and that
# kubectl is there for the Kubernetes manifest test (ops/k8s, K8sManifestsTest).

zvt_apt_install() {
  [ -n "${ZVT_APT_UPDATED:-}" ] || { apt-get update -qq; ZVT_APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

zvt_wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$what did not come up" >&2; return 1
}

zvt_ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1; then
    echo "installing PostgreSQL" >&2; zvt_apt_install postgresql
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "starting PostgreSQL" >&2
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    zvt_wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
  fi
  # trust auth on loopback and a database named test, as the tests expect
  if ! psql -h 127.0.0.1 -U postgres -d test -c 'select 1' >/dev/null 2>&1; then
    local hba; hba=$(su postgres -c "psql -tAc 'show hba_file'")
    if ! grep -qE '^host\s+all\s+all\s+127.0.0.1/32\s+trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
      su postgres -c "psql -qc 'select pg_reload_conf()'" >/dev/null
    fi
    su postgres -c "psql -tAc \"select 1 from pg_database where datname='test'\"" | grep -q 1 \
      || su postgres -c "createdb test"
  fi
}

zvt_ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "installing Redis" >&2; zvt_apt_install redis-server
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
    echo "starting Redis" >&2
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/zvt.log
    zvt_wait_for Redis sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
  fi
}

zvt_ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "installing Node.js" >&2; zvt_apt_install nodejs npm
  fi
}

zvt_ensure_prometheus() { # the Prometheus server and promtool, for the scrape test and the alert rule tests
  if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
    echo "installing Prometheus" >&2; zvt_apt_install --no-install-recommends prometheus
  fi
}

zvt_ensure_chromium() { # Debian's headless-capable Chromium, for the web page's browser test (WebViewIT); no download
  if [ ! -x /usr/bin/chromium ]; then
    echo "installing Chromium" >&2; zvt_apt_install --no-install-recommends chromium
  fi
}

# kubectl renders ops/k8s (kubectl kustomize) for K8sManifestsTest, which fails under CI without it. Debian 12 has no
# package named kubectl: its kubectl is the package kubernetes-client, version 1.20, whose built-in kustomize (2.0.3)
# cannot build our overlays (no Components, no labels field): with only that, the test fails and says so. A kubectl
# 1.21+ already on the PATH (e.g. from Kubernetes' own apt repository, or the Google Cloud SDK) is used as it is.
zvt_ensure_kubectl() {
  if ! command -v kubectl >/dev/null 2>&1; then
    [ -n "${ZVT_APT_UPDATED:-}" ] || { apt-get update -qq; ZVT_APT_UPDATED=1; }
    if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      echo "installing kubectl" >&2; zvt_apt_install kubectl
    else
      echo "installing kubectl (Debian package kubernetes-client)" >&2; zvt_apt_install kubernetes-client
    fi
  fi
  local minor
  minor=$(kubectl version --client 2>/dev/null | sed -nE 's/.*(GitVersion:"v|Client Version: v)1\.([0-9]+).*/\2/p' | head -1)
  if [ -n "$minor" ] && [ "$minor" -lt 21 ]; then
    echo "warning: kubectl 1.$minor cannot render ops/k8s (its kustomize has no Components); K8sManifestsTest will" \
      "fail under CI: put kubectl 1.21 or newer on the PATH" >&2
  fi
}
