#!/usr/bin/env bash
# The pipeline benchmark (see docs/benchmarks.md): baseline produce rate and netrare's steady rate on the
# same simulated ECS events, in one JVM. Usage: deploy/bench/pipeline-benchmark.sh [hosts] [days] [model]
# HEAP sets -Xmx (default 2g; the baseline holds every document in memory). JAVA_OPTS adds JVM flags (-Druns=N: runs a side, default 5), e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=run.jfr,settings=profile
exec "$(dirname "$0")/run-main.sh" "${HEAP:-2g}" io.netrare.deploy.bench.PipelineBenchmark "$@"
