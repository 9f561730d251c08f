#!/usr/bin/env bash
# The restart benchmark (see docs/benchmarks.md, "Restarts"): a scoring restart after some days of history of a
# simulated fleet, from what the compacted topics hold then. Usage:
#   deploy/bench/restart-benchmark.sh [hosts] [days,days,...] [events scale] [full]
# (defaults 1000 hosts, 1,30 days, 0.1 of the simulator's events per bucket; "full" also measures the restart without
# scoring snapshots, every delta kept)
exec "$(dirname "$0")/run-main.sh" 3g io.netrare.deploy.bench.RestartBenchmark "$@"
