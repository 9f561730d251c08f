#!/usr/bin/env bash
# The pipeline benchmark (see docs/benchmarks.md): baseline produce rate and netrare's steady rate on the
# same simulated ECS events, in one JVM. Usage: deploy/bench/pipeline-benchmark.sh [hosts] [days] [model]
# JAVA_OPTS adds JVM flags, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=run.jfr,settings=profile
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=deploy/target/bench.classpath
mvn -B -q -o -pl deploy -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp" -Dmdep.includeScope=test >/dev/null
exec java -Xmx2g ${JAVA_OPTS:-} -cp "deploy/target/test-classes:deploy/target/classes:$(cat "$cp")" \
    io.netrare.deploy.bench.PipelineBenchmark "$@"
