#!/usr/bin/env bash
# Installs everything the ThermoLearn notebooks need, idempotently (a second run only checks):
#   1. Debian's headless Jupyter (nbconvert, nbclient, jupyter-client, ipykernel), if missing;
#   2. the rapaio Java kernel (io.github.padreati:rapaio-jupyter-kernel) from Maven Central;
#   3. kernel.json with the JVM flags the toolkit needs (started through kernel/ThermoLearnKernel.java, which
#      avoids the kernel's start-up races), registered as the kernel "thermolearn-java";
#   4. notebooks/lib/: the toolkit's jars plus their runtime dependencies, which every notebook
#      loads with one line:  %jar lib
#
# Environment (all optional):
#   THERMOLEARN_KERNEL_DIR   where the kernel jar and kernel.json live (default ~/.local/share/thermolearn/jupyter-kernel)
#   THERMOLEARN_KERNEL_XMX   kernel heap (default 4g)
#   THERMOLEARN_KERNEL_NAME  the name the kernel is registered under (default thermolearn-java; another name keeps a
#                            second checkout's kernel apart, and run-notebooks.sh then uses that one)
#   THERMOLEARN_MVN_ARGS     extra Maven arguments, e.g. "-o" on a machine with a warm ~/.m2 and no network
#   THERMOLEARN_SKIP_BUILD=1 do not rebuild the toolkit (use the jars already in notebooks/lib)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
kernel_version=3.0.1
kernel_name="${THERMOLEARN_KERNEL_NAME:-thermolearn-java}"
kdir="${THERMOLEARN_KERNEL_DIR:-$HOME/.local/share/thermolearn/jupyter-kernel}"
lib="$here/lib"
xmx="${THERMOLEARN_KERNEL_XMX:-4g}"
mvn_args=(-B -q ${THERMOLEARN_MVN_ARGS:-})
jupyter=/usr/bin/jupyter   # Debian's; a python3 earlier on PATH may be another Python

say() { echo "install-kernel: $*" >&2; }
# Maven 3.8 prints ANSI resets ("[0m") even with -B -q: strip every escape sequence (pipefail keeps Maven's status)
mvnq() { mvn "${mvn_args[@]}" -Dstyle.color=never "$@" 2>&1 | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2; }
die() { say "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------ 1. Jupyter (Debian packages)
packages=(jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel jupyter-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "Jupyter is missing (${missing[*]}) and this is not a Debian/Ubuntu system; install jupyter-nbconvert and nbclient with your package manager"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root to install ${missing[*]}; run this script as root or install them first"
    sudo=sudo
  fi
  say "installing Debian packages: ${missing[*]}"
  t0=$(date +%s)
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || say "apt-get update failed; trying the install with the current package lists"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  say "Debian packages installed in $(( $(date +%s) - t0 )) s"
else
  say "Jupyter already installed ($("$jupyter" nbconvert --version 2>/dev/null | head -n1 || echo '?') nbconvert)"
fi
[ -x "$jupyter" ] || die "$jupyter not found after installation"

# ------------------------------------------------------------------ 2. the kernel jar
command -v java >/dev/null || die "java is not on PATH; the kernel needs Java 17+ (Debian: apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null || die "mvn is not on PATH; install Maven 3.8+ (Debian: apt-get install maven)"
kjar="$kdir/rapaio-jupyter-kernel-$kernel_version.jar"
mkdir -p "$kdir"
if [ ! -s "$kjar" ]; then
  say "fetching io.github.padreati:rapaio-jupyter-kernel:$kernel_version from Maven Central"
  (cd "$kdir" && mvnq org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" -DoutputDirectory="$kdir") \
    || die "could not fetch the kernel jar with Maven (network? proxy in ~/.m2/settings.xml?)"
  [ -s "$kjar" ] || die "Maven finished but $kjar is missing"
else
  say "kernel jar present: $kjar"
fi

# ------------------------------------------------------------------ 3. launcher, kernel.json, registration
# kernel/ThermoLearnKernel.java starts the kernel like its own MainApp but without 3.0.1's start-up races: the
# corrected kernel/org/rapaio/jupyter/kernel/channels/LoopThread.java (3.0.1's could end its channel's polling thread
# the moment it started: the kernel then never answered) goes ahead of the jar on the class path, and a
# kernel_info_request that arrives before the message handlers exist waits for them (see the class comments).
launcher="$kdir/launcher"
launcher_srcs=("$here/kernel/ThermoLearnKernel.java" "$here/kernel/org/rapaio/jupyter/kernel/channels/LoopThread.java")
stale=0
for src in "${launcher_srcs[@]}"; do
  [ -f "$launcher/ThermoLearnKernel.class" ] && [ ! "$src" -nt "$launcher/ThermoLearnKernel.class" ] || stale=1
done
if [ "$stale" = 1 ]; then
  command -v javac >/dev/null || die "javac is not on PATH; the kernel launcher needs a JDK 17+ (Debian: apt-get install openjdk-17-jdk-headless)"
  rm -rf "$launcher"
  mkdir -p "$launcher"
  javac -nowarn -cp "$kjar" -d "$launcher" "${launcher_srcs[@]}" || die "could not compile ${launcher_srcs[*]} against $kjar"
  say "compiled the kernel launcher into $launcher"
fi

# --add-opens: Arrow's memory layer on Java 17 (platform notes). headless: figures render off-screen.
# user code runs inside the kernel's JVM, so these flags reach the notebook's code.
json="$(cat <<JSON
{
  "argv": ["java", "-Xmx$xmx", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Djava.awt.headless=true",
           "-cp", "$launcher:$kjar", "ThermoLearnKernel", "{connection_file}"],
  "display_name": "Java (ThermoLearn)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_TIMEOUT_MILLIS": "-1", "OPENBLAS_NUM_THREADS": "1"}
}
JSON
)"
if [ "$(cat "$kdir/kernel.json" 2>/dev/null)" != "$json" ]; then
  printf '%s\n' "$json" > "$kdir/kernel.json"
  say "wrote $kdir/kernel.json"
fi
# Register: system-wide (--sys-prefix of Debian's Python, /usr/share/jupyter) as root, else for this user.
scope=--user
[ "$(id -u)" = 0 ] && scope=--sys-prefix
installed="$("$jupyter" kernelspec list 2>/dev/null | awk -v n="$kernel_name" '$1 == n {print $2}')"
if [ -z "$installed" ] || ! cmp -s "$kdir/kernel.json" "$installed/kernel.json"; then
  # Only kernel.json is registered (the 14 MB jar stays in $kdir, which kernel.json names).
  stage="$(mktemp -d)"
  cp "$kdir/kernel.json" "$stage/"
  "$jupyter" kernelspec install "$scope" --name="$kernel_name" "$stage" >/dev/null 2>&1 \
    || { rm -rf "$stage"; die "jupyter kernelspec install $scope failed"; }
  rm -rf "$stage"
  say "registered kernel '$kernel_name' ($scope)"
else
  say "kernel '$kernel_name' already registered at $installed"
fi

# ------------------------------------------------------------------ 4. notebooks/lib: toolkit jars + dependencies
stamp="$lib/.built"
if [ "${THERMOLEARN_SKIP_BUILD:-0}" = 1 ] && [ -f "$stamp" ]; then
  say "THERMOLEARN_SKIP_BUILD=1: keeping $lib"
elif [ -f "$stamp" ] && [ -z "$(find "$root/pom.xml" "$root/core" "$root/thermo" "$root/experiments" \
      \( -path '*/target' -prune \) -o \( -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/resources/*' \) -newer "$stamp" -print \) 2>/dev/null | head -n 1)" ]; then
  say "$lib is up to date with the sources"
else
  say "building the toolkit and collecting its jars into $lib (first run or sources changed)..."
  t0=$(date +%s)
  (cd "$root" && mvnq -DskipTests -pl experiments -am install) \
    || die "the build failed; run 'mvn -B -DskipTests install' in $root to see why"
  tmp="$(mktemp -d "$here/.lib.XXXXXX")"
  (cd "$root" && mvnq -pl experiments dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp") \
    || { rm -rf "$tmp"; die "mvn dependency:copy-dependencies failed"; }
  cp "$root"/experiments/target/thermolearn-experiments-*.jar "$tmp/"
  rm -f "$tmp"/*-sources.jar "$tmp"/*-javadoc.jar "$tmp"/*-tests.jar
  rm -rf "$lib"
  mv "$tmp" "$lib"
  touch "$stamp"
  say "$(ls "$lib"/*.jar | wc -l) jars in $lib ($(( $(date +%s) - t0 )) s)"
fi

say "ready. Start with:  cd $here && $jupyter notebook     (or headless: $here/run-notebooks.sh)"
