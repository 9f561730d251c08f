package io.netrare.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** Fully populated sample records, the source of the golden files. */
final class Samples {

    private Samples() {
    }

    static NetworkEvent networkEvent() {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.parse("2026-03-01T10:15:30.123Z"),
                new NetworkEvent.Host("web-07", "4f1c2a", new NetworkEvent.Os("linux", "debian", "Debian GNU/Linux")),
                new NetworkEvent.Process("xmrig", "/tmp/.x/xmrig", 4242L, "ZWI0Mjpwcm9j"),
                new NetworkEvent.User("nobody", "65534"),
                new NetworkEvent.Endpoint("10.0.0.7", 51514),
                new NetworkEvent.Endpoint("45.9.20.1", 3333),
                new NetworkEvent.Network("tcp", "egress"),
                new NetworkEvent.Event("connection_attempted", List.of("network"), List.of("start"), "endpoint",
                        "endpoint.events.network"),
                1,
                new NetworkEvent.Provenance("/var/log/defend.ndjson", "ecs", 17L));
    }

    static Explanation explanation() {
        return new Explanation(0L, 1.0, 2880L, true, Instant.parse("2026-03-01T10:15:00Z"), null, 0.0003,
                List.of(Explanation.ExampleEvent.of(networkEvent())), null, null, null, null,
                "first network activity of xmrig in 2,880 buckets");
    }

    static AnomalyRecord anomalyRecord() {
        return new AnomalyRecord(AnomalyRecord.SCHEMA_VERSION, "r-7f3a", 2, "v3_linux_anomalous_network_activity",
                "record", 1772360100000L, 900, 0, "rare", "rare", "process.name", "xmrig", null, null,
                1.2e-5, 93.0, 91.5, false,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of("xmrig"))),
                "rare", explanation(), Instant.parse("2026-03-01T10:31:00.5Z"));
    }

    static ModelSnapshot modelSnapshot() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("buckets", 2880);
        state.putObject("counts").put("sshd", 2871.5).put("xmrig", 1.0);
        return new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, "v3_linux_anomalous_network_activity", "rare", 1, 3, 4,
                1772360100000L, 2881, ModelSnapshot.KIND_SNAPSHOT, Instant.parse("2026-03-01T10:31:00Z"), state);
    }

    static Alert alert() {
        AnomalyRecord r = anomalyRecord();
        return new Alert(Alert.SCHEMA_VERSION, Instant.parse("2026-03-01T10:31:01Z"), "a-52afbdc5-r-7f3a",
                Instant.parse("2026-03-01T10:15:00Z"),
                new Alert.RuleInfo("52afbdc5-db15-485e-bc24-f5707f820c4b", "Unusual Linux Network Activity",
                        "Identifies Linux processes that do not usually use the network.", 107,
                        List.of("https://www.elastic.co/guide/en/security/current/prebuilt-ml-jobs.html"),
                        List.of("Domain: Endpoint", "OS: Linux"),
                        List.of(new Alert.Threat("MITRE ATT&CK",
                                new Alert.Ref("TA0011", "Command and Control", "https://attack.mitre.org/tactics/TA0011/"),
                                List.of(new Alert.Technique("T1571", "Non-Standard Port",
                                        "https://attack.mitre.org/techniques/T1571/", List.of())))),
                        50.0, List.of("v3_linux_anomalous_network_activity"), "15m", "now-45m", List.of("Elastic"),
                        "Elastic License v2"),
                "low", 21,
                "process `xmrig` on host `web-07` (user `nobody`) connected to 45.9.20.1; seen in 0 of 2,880 earlier buckets; record score 93",
                "## Triage and analysis",
                new Alert.AnomalyInfo(r.jobId(), r.recordId(), r.version(), r.recordScore(), r.initialRecordScore(),
                        r.probability(), r.interim(), r.byFieldName(), r.byFieldValue(), null, null, r.explanation()),
                new Alert.EcsHost(List.of("web-07")), new Alert.EcsProcess(List.of("xmrig")),
                new Alert.EcsUser(List.of("nobody")), new Alert.EcsDestination(List.of("45.9.20.1")),
                61_000, false, 0);
    }
}
