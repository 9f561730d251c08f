#!/usr/bin/env bash
# The interim latency benchmark (see docs/benchmarks.md): send -> interim record latency of never-seen
# processes while ordinary traffic streams into the same open bucket, in one JVM with an embedded broker.
# Usage: deploy/bench/interim-latency-benchmark.sh [events/s, default 10000] [seconds, default 60] [probe every ms, default 500]
exec "$(dirname "$0")/run-main.sh" 2g io.netrare.deploy.bench.InterimLatencyBenchmark "$@"
