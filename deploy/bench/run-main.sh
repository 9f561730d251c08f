#!/usr/bin/env bash
# Builds the deploy module's test classes and runs one benchmark main class on their classpath; the
# benchmark scripts beside this one call it. Usage: deploy/bench/run-main.sh HEAP CLASS [ARGS...]
# (HEAP as for -Xmx, e.g. 2g). JAVA_OPTS adds JVM flags, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=run.jfr
set -euo pipefail
cd "$(dirname "$0")/../.."
heap=$1 main=$2
shift 2
cp=deploy/target/bench.classpath
mvn -B -q -o -pl deploy -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp" -Dmdep.includeScope=test >/dev/null
exec java "-Xmx$heap" ${JAVA_OPTS:-} -cp "deploy/target/test-classes:deploy/target/classes:$(cat "$cp")" "$main" "$@"
