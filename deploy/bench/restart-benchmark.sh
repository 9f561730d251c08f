#!/usr/bin/env bash
# The restart benchmark (see docs/benchmarks.md, "Restarts"): a scoring restart after some days of history of a
# simulated fleet, from what the compacted topics hold then. Usage:
#   deploy/bench/restart-benchmark.sh [hosts] [days,days,...] [events scale] [full]
# (defaults 1000 hosts, 1,30 days, 0.1 of the simulator's events per bucket; "full" also measures the restart without
# scoring snapshots, every delta kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=deploy/target/bench.classpath
mvn -B -q -o -pl deploy -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp" -Dmdep.includeScope=test >/dev/null
exec java -Xmx3g ${JAVA_OPTS:-} -cp "deploy/target/test-classes:deploy/target/classes:$(cat "$cp")" \
    io.netrare.deploy.bench.RestartBenchmark "$@"
