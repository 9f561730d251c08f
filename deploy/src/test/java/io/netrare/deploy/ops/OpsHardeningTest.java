package io.netrare.deploy.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.deploy.cli.TopicsCommand;
import io.netrare.deploy.security.TopicsConfig;
import io.netrare.runtime.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy files are hardened: pinned images, non-root containers on read-only root file systems with every
 * capability dropped, network policies, StatefulSets, Kafka over SASL_SSL on Kubernetes, nothing published on
 * all interfaces in compose, topic auto-creation off, Grafana's password from a secret.
 */
class OpsHardeningTest {

    private static JsonNode composeServices() {
        return OpsFiles.yamlDocuments(OpsFiles.deploy("compose/docker-compose.yaml")).get(0).path("services");
    }

    private static List<JsonNode> kubernetesDocuments() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var files = Files.list(OpsFiles.deploy("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(OpsFiles.yamlDocuments(f));
            }
        }
        return docs;
    }

    @Test
    void noImageIsLatestOrUntagged() throws Exception {
        List<String> composeImages = new ArrayList<>();
        composeServices().forEach(svc -> composeImages.add(svc.path("image").asText()));
        List<String> kubernetesImages = new ArrayList<>();
        for (JsonNode d : kubernetesDocuments()) {
            d.path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> kubernetesImages.add(c.path("image").asText()));
        }
        assertThat(composeImages).as("compose images").isNotEmpty();
        assertThat(kubernetesImages).as("kubernetes images").isNotEmpty();
        List<String> images = new ArrayList<>(composeImages);
        images.addAll(kubernetesImages);
        assertThat(images).allSatisfy(image -> {
            assertThat(image).as("image %s has a tag", image).matches(".+:[^:/]+");
            assertThat(image).as("image %s", image).doesNotEndWith(":latest");
        });
    }

    @Test
    void composePublishesOnLoopbackOnlyAndHardensTheServices() {
        JsonNode services = composeServices();
        List<String> published = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            for (JsonNode port : e.getValue().path("ports")) {
                published.add(port.asText());
                assertThat(port.asText()).as("%s publishes %s on loopback only", e.getKey(), port).startsWith("127.0.0.1:");
            }
        });
        assertThat(published).as("published ports").isNotEmpty();
        for (ServiceCatalog s : ServiceCatalog.values()) {
            JsonNode svc = services.path(s.serviceName());
            assertThat(svc.path("read_only").asBoolean()).as("%s read-only root", s).isTrue();
            assertThat(svc.path("cap_drop").toString()).as("%s capabilities", s).contains("\"ALL\"");
            assertThat(svc.path("security_opt").toString()).contains("no-new-privileges:true");
            assertThat(svc.path("user").asText()).as("%s user", s).matches("[1-9][0-9]*:[0-9]+").doesNotStartWith("0:");
            assertThat(svc.path("depends_on").path("topics").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
        Map<String, String> kafkaEnv = new HashMap<>();
        services.path("kafka").path("environment").fields().forEachRemaining(e -> kafkaEnv.put(e.getKey(), e.getValue().asText()));
        assertThat(kafkaEnv).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

        JsonNode grafana = services.path("grafana");
        assertThat(grafana.path("environment").has("GF_SECURITY_ADMIN_PASSWORD")).as("no literal Grafana password").isFalse();
        assertThat(grafana.path("environment").path("GF_SECURITY_ADMIN_PASSWORD__FILE").asText())
                .isEqualTo("/run/secrets/grafana_admin_password");
        assertThat(grafana.path("secrets").toString()).contains("grafana_admin_password");
    }

    @Test
    void composeCreatesTheTopicsNetrareTopicsCreatePrints() {
        JsonNode topics = composeServices().path("topics");
        assertThat(topics.path("image").asText()).startsWith("apache/kafka:");
        String script = OpsFiles.read(OpsFiles.deploy("compose/create-topics.sh"));
        List<String> commands = script.lines().filter(l -> l.startsWith("kafka-topics.sh")).toList();

        // the compose broker is a single node: replication 1 (the environment overrides named in the script)
        TopicsConfig config = new ConfigLoader(Map.of("NETRARE_TOPICS__REPLICATION_FACTOR", "1",
                "NETRARE_TOPICS__MIN_INSYNC_REPLICAS", "1")).load(OpsFiles.deploy("config/topics.yaml"), TopicsConfig.class);
        assertThat(commands).as("compose/create-topics.sh is the output of netrare topics create --print")
                .isEqualTo(TopicsCommand.kafkaTopicsCommands(config, null));
        assertThat(commands).anyMatch(c -> c.contains("--topic netrare.models ") && c.contains("cleanup.policy=compact"));
    }

    @Test
    void kubernetesPodsAreLockedDownAndFencedByNetworkPolicies() throws Exception {
        Map<String, JsonNode> byKindName = new HashMap<>();
        for (JsonNode d : kubernetesDocuments()) {
            byKindName.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d);
        }
        for (ServiceCatalog s : ServiceCatalog.values()) {
            JsonNode set = byKindName.get("StatefulSet/netrare-" + s.serviceName());
            assertThat(set).as("StatefulSet of %s", s).isNotNull();
            JsonNode pod = set.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            JsonNode container = pod.path("containers").get(0);
            JsonNode sc = container.path("securityContext");
            assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("%s read-only root", s).isTrue();
            assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(sc.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
            assertThat(container.path("volumeMounts").toString()).contains("\"/tmp\"");

            Map<String, JsonNode> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertThat(env.get("NETRARE_KAFKA__INSTANCE_ID").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                    .as("%s instance id is the stable pod name", s).isEqualTo("metadata.name");
            assertThat(env.get("NETRARE_KAFKA__PROPERTIES__SECURITY_PROTOCOL").path("value").asText()).isEqualTo("SASL_SSL");
            assertThat(env.get("NETRARE_KAFKA__PROPERTIES__SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef")
                    .path("name").asText()).as("%s credentials from its own secret", s).isEqualTo("netrare-" + s.serviceName());
            assertThat(env.values()).noneMatch(e -> e.path("name").asText().contains("PASSWORD") && e.has("value"));
        }
        JsonNode deny = byKindName.get("NetworkPolicy/netrare-default-deny");
        assertThat(deny).isNotNull();
        assertThat(deny.path("spec").path("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(deny.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/part-of").asText())
                .isEqualTo("netrare");
        assertThat(deny.path("spec").has("ingress")).isFalse();
        assertThat(deny.path("spec").has("egress")).isFalse();
        JsonNode metrics = byKindName.get("NetworkPolicy/netrare-metrics-from-prometheus");
        assertThat(metrics.path("spec").path("ingress").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(9400);
        assertThat(byKindName).containsKey("NetworkPolicy/netrare-egress-kafka-and-dns");
        JsonNode hpa = byKindName.get("HorizontalPodAutoscaler/netrare-scoring");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
    }
}
