package io.netrare.deploy.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.runtime.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose and Kubernetes files parse, and everything they name exists: images are the ones the Dockerfile
 * builds or known third-party ones, ports are the services' configured metrics ports, mounted paths are files
 * of the repository, and the configs they carry load with the service config classes.
 */
class OpsDeployFilesTest {

    private static final Set<String> THIRD_PARTY = Set.of("apache/kafka", "prom/prometheus", "grafana/grafana");

    @TempDir
    Path tmp;

    private static String netrareImage(ServiceCatalog s) {
        return "netrare/" + s.serviceName() + ":latest";
    }

    private static int configuredPort(ServiceCatalog s) {
        return OpsConfigsTest.load(s, OpsConfigsTest.exampleConfig(s), Map.of()).metrics().port();
    }

    // ---------------------------------------------------------------- compose

    @Test
    void composeReferencesOnlyWhatExists() {
        Path composeFile = OpsFiles.deploy("compose/docker-compose.yaml");
        Path composeDir = composeFile.getParent();
        JsonNode services = OpsFiles.yamlDocuments(composeFile).get(0).path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "ingest", "model", "scoring", "alerting", "prometheus", "grafana");

        for (ServiceCatalog s : ServiceCatalog.values()) {
            JsonNode svc = services.path(s.serviceName());
            assertThat(svc.path("image").asText()).isEqualTo(netrareImage(s));
            Path context = composeDir.resolve(svc.path("build").path("context").asText()).normalize();
            assertThat(context).isEqualTo(OpsFiles.root());
            assertThat(context.resolve(svc.path("build").path("dockerfile").asText())).isRegularFile();
            assertThat(svc.path("build").path("args").path("SERVICE").asText()).isEqualTo(s.serviceName());
            // the image copies <module>/target/netrare-<module>.jar: the module must exist
            assertThat(OpsFiles.root().resolve(s.serviceName()).resolve("pom.xml")).isRegularFile();

            Map<String, String> env = stringMap(svc.path("environment"));
            Path mounted = null;
            for (JsonNode volume : svc.path("volumes")) {
                String[] parts = volume.asText().split(":");
                Path host = composeDir.resolve(parts[0]).normalize();
                assertThat(host).as("%s volume %s", s, volume).exists();
                if (parts[1].equals("/etc/netrare/service.yaml")) {
                    mounted = host;
                }
            }
            assertThat(mounted).as("%s mounts its config at the Dockerfile's --config path", s)
                    .isEqualTo(OpsConfigsTest.exampleConfig(s));
            ServiceConfig config = OpsConfigsTest.load(s, mounted, env);
            assertThat(containerPorts(svc)).as("%s ports", s).containsExactly(config.metrics().port());
            assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        }
        for (String other : List.of("kafka", "prometheus", "grafana")) {
            for (JsonNode volume : services.path(other).path("volumes")) {
                String host = volume.asText().split(":")[0];
                if (host.startsWith(".")) {
                    assertThat(composeDir.resolve(host).normalize()).as("%s volume %s", other, volume).exists();
                }
            }
        }
        assertThat(containerPorts(services.path("kafka"))).contains(9092);
        assertThat(containerPorts(services.path("prometheus"))).contains(9090);
        assertThat(containerPorts(services.path("grafana"))).contains(3000);
    }

    @Test
    void composeImagesAreBuiltHereOrKnown() {
        JsonNode services = OpsFiles.yamlDocuments(OpsFiles.deploy("compose/docker-compose.yaml")).get(0).path("services");
        Set<String> ours = new HashSet<>();
        for (ServiceCatalog s : ServiceCatalog.values()) {
            ours.add(netrareImage(s));
        }
        services.forEach(svc -> {
            String image = svc.path("image").asText();
            if (!ours.contains(image)) {
                assertThat(THIRD_PARTY).as("image %s", image).contains(image.substring(0, image.indexOf(':')));
            }
        });
        // the broker is the version of the Kafka clients the services are built with
        String kafkaImage = services.path("kafka").path("image").asText();
        assertThat(kafkaImage).isEqualTo("apache/kafka:" + rootPomProperty("kafka.version"));
    }

    @Test
    void prometheusScrapesEachServiceOnItsMetricsPort() {
        JsonNode config = OpsFiles.yamlDocuments(OpsFiles.deploy("prometheus/prometheus.yml")).get(0);
        Map<String, String> targets = new HashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode t : sc.path("targets")) {
                    targets.put(job.path("job_name").asText(), t.asText());
                }
            }
        }
        for (ServiceCatalog s : ServiceCatalog.values()) {
            assertThat(targets).containsEntry("netrare-" + s.serviceName(), s.serviceName() + ":" + configuredPort(s));
        }
        for (JsonNode ruleFile : config.path("rule_files")) {
            assertThat(OpsFiles.deploy("prometheus").resolve(ruleFile.asText())).isRegularFile();
        }
        JsonNode datasource = OpsFiles.yamlDocuments(OpsFiles.deploy("grafana/provisioning/datasources/prometheus.yaml"))
                .get(0).path("datasources").get(0);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        String dashboardUid = datasource.path("uid").asText();
        OpsFiles.json(OpsFiles.deploy("grafana/netrare-dashboard.json")).path("panels").forEach(panel ->
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(dashboardUid));
    }

    @Test
    void dockerfileExposesTheMetricsPortAndChecksLiveness() {
        String dockerfile = OpsFiles.read(OpsFiles.deploy("docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17.")
                .contains("ADD deploy/target/netrare-${NETRARE_VERSION}.tar.gz")
                .contains("cp /opt/netrare/config/${SERVICE}.yaml /etc/netrare/service.yaml");
        for (ServiceCatalog s : ServiceCatalog.values()) {
            int port = configuredPort(s);
            assertThat(dockerfile).contains("EXPOSE " + port).contains("http://127.0.0.1:" + port + "/health/live");
            assertThat(OpsFiles.deploy("config/" + s.serviceName() + ".yaml")).isRegularFile();
        }
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    void kubernetesManifestsAreConsistent() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var files = Files.list(OpsFiles.deploy("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(OpsFiles.yamlDocuments(f));
            }
        }
        Map<String, JsonNode> byKindName = new HashMap<>();
        for (JsonNode d : docs) {
            assertThat(d.path("apiVersion").asText()).as("apiVersion of %s", d).isNotBlank();
            String kind = d.path("kind").asText();
            String name = d.path("metadata").path("name").asText();
            assertThat(name).as("name of a %s", kind).isNotBlank();
            if (!kind.equals("Namespace")) {
                assertThat(d.path("metadata").path("namespace").asText()).as("%s/%s namespace", kind, name).isEqualTo("netrare");
            }
            assertThat(byKindName.put(kind + "/" + name, d)).as("duplicate %s/%s", kind, name).isNull();
        }
        assertThat(byKindName).containsKey("Namespace/netrare").containsKey("HorizontalPodAutoscaler/netrare-scoring");
        assertThat(byKindName.keySet()).anyMatch(k -> k.startsWith("PodDisruptionBudget/"));

        for (ServiceCatalog s : ServiceCatalog.values()) {
            String name = "netrare-" + s.serviceName();
            JsonNode deployment = byKindName.get("Deployment/" + name);
            assertThat(deployment).as(name).isNotNull();
            JsonNode template = deployment.path("spec").path("template");
            assertThat(template.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo(name);
            assertThat(deployment.path("spec").path("selector").path("matchLabels")).isEqualTo(selectorOf(template));
            JsonNode container = template.path("spec").path("containers").get(0);
            assertThat(container.path("image").asText()).isEqualTo(netrareImage(s));

            // the ConfigMap mounted at the image's config path loads with the container's environment
            String configMapName = template.path("spec").path("volumes").get(0).path("configMap").path("name").asText();
            assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).isEqualTo("/etc/netrare");
            JsonNode configMap = byKindName.get("ConfigMap/" + configMapName);
            assertThat(configMap).as("ConfigMap %s", configMapName).isNotNull();
            String yaml = configMap.path("data").path("service.yaml").asText();
            assertThat(yaml).as("ConfigMap %s equals deploy/config", configMapName)
                    .isEqualTo(OpsFiles.read(OpsConfigsTest.exampleConfig(s)));
            Path file = tmp.resolve(s.serviceName() + ".yaml");
            Files.writeString(file, yaml);
            Map<String, String> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            int port = OpsConfigsTest.load(s, file, env).metrics().port();

            JsonNode containerPort = container.path("ports").get(0);
            assertThat(containerPort.path("containerPort").asInt()).isEqualTo(port);
            String portName = containerPort.path("name").asText();
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo(portName);
            assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo(portName);
            JsonNode annotations = template.path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");

            JsonNode service = byKindName.get("Service/" + name);
            assertThat(service).as("Service " + name).isNotNull();
            assertThat(service.path("spec").path("selector")).isEqualTo(selectorOf(template));
            assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(port);
            assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo(portName);
        }
        for (JsonNode d : docs) {
            switch (d.path("kind").asText()) {
                case "PodDisruptionBudget" -> {
                    JsonNode dep = byKindName.get("Deployment/" + d.path("metadata").path("name").asText());
                    assertThat(dep).as("PDB %s selects a Deployment", d.path("metadata").path("name").asText()).isNotNull();
                    assertThat(d.path("spec").path("selector").path("matchLabels")).isEqualTo(selectorOf(dep.path("spec").path("template")));
                }
                case "HorizontalPodAutoscaler" -> {
                    JsonNode target = d.path("spec").path("scaleTargetRef");
                    assertThat(byKindName).containsKey(target.path("kind").asText() + "/" + target.path("name").asText());
                    assertThat(d.path("spec").path("maxReplicas").asInt())
                            .isGreaterThanOrEqualTo(d.path("spec").path("minReplicas").asInt());
                }
                default -> { }
            }
        }
    }

    private static JsonNode selectorOf(JsonNode podTemplate) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.set("app.kubernetes.io/name", podTemplate.path("metadata").path("labels").path("app.kubernetes.io/name"));
        return node;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Container-side ports of a compose service ("9401:9400" → 9400). */
    private static List<Integer> containerPorts(JsonNode service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : service.path("ports")) {
            String[] parts = p.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
        return ports;
    }

    private static String rootPomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(OpsFiles.read(OpsFiles.root().resolve("pom.xml")));
        assertThat(m.find()).as("root pom property %s", name).isTrue();
        return m.group(1);
    }
}
