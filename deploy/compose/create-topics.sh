#!/bin/bash
# Creates every netrare topic once (auto-creation is off in the compose broker), then exits.
# Generated: NETRARE_TOPICS__REPLICATION_FACTOR=1 NETRARE_TOPICS__MIN_INSYNC_REPLICAS=1 \
#   ./netrare topics create --print --config deploy/config/topics.yaml
# OpsDeployFilesTest fails when this file and that output differ.
set -euo pipefail
export PATH=/opt/kafka/bin:$PATH
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.raw --partitions 4 --replication-factor 1 --config retention.ms=86400000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.events --partitions 4 --replication-factor 1 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.events.late --partitions 4 --replication-factor 1 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.models --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1 --config segment.ms=3600000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.anomalies --partitions 4 --replication-factor 1 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.alerts --partitions 4 --replication-factor 1 --config retention.ms=7776000000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.alerting.state --partitions 4 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1 --config segment.ms=3600000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.ingest.checkpoints --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1 --config segment.ms=3600000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.scoring.snapshots --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1 --config segment.ms=3600000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.dlq.ingest --partitions 1 --replication-factor 1 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.dlq.model --partitions 1 --replication-factor 1 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.dlq.scoring --partitions 1 --replication-factor 1 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic netrare.dlq.alerting --partitions 1 --replication-factor 1 --config retention.ms=2592000000
