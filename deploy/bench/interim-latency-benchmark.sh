#!/usr/bin/env bash
# The interim latency benchmark (see docs/benchmarks.md): send -> interim record latency of never-seen
# processes while ordinary traffic streams into the same open bucket, in one JVM with an embedded broker.
# Usage: deploy/bench/interim-latency-benchmark.sh [events/s, default 10000] [seconds, default 60] [probe every ms, default 500]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=deploy/target/bench.classpath
mvn -B -q -o -pl deploy -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp" -Dmdep.includeScope=test >/dev/null
exec java -Xmx2g ${JAVA_OPTS:-} -cp "deploy/target/test-classes:deploy/target/classes:$(cat "$cp")" \
    io.netrare.deploy.bench.InterimLatencyBenchmark "$@"
