#!/usr/bin/env bash
# The fleet-scale series (see docs/benchmarks.md): one model through the pipeline on a simulated fleet, with
# events/s, peak heap and the scoring time per bucket. Usage: deploy/bench/fleet-scale-benchmark.sh HOSTS DAYS MODEL
# [HEAP] (HEAP as for -Xmx, 4g unless given). JAVA_OPTS adds JVM flags.
exec "$(dirname "$0")/run-main.sh" "${4:-4g}" io.netrare.deploy.bench.FleetScaleBenchmark "$1" "$2" "$3"
