package io.netrare.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * go-libaudit's aucoalesce testdata: the raw events of each .yaml through netrare, the connect and accept
 * events compared with the .json.golden on the fields the model uses.
 */
class AucoalesceGoldenTest {

    private static final String DIR = "fixtures/go-libaudit/aucoalesce/testdata/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void connectAndAcceptMatchTheGolden() throws IOException {
        Map<String, String> tests = tests("ubuntu-16.10-linux-4.8.0.yaml");
        JsonNode golden = JSON.readTree(Harness.fixture(DIR + "ubuntu-16.10-linux-4.8.0.json.golden"));
        int compared = 0;
        for (JsonNode entry : golden) {
            String name = entry.get("test_name").asText();
            String action = entry.path("event").path("summary").path("action").asText();
            if (!action.equals("connected-to") && !action.equals("accepted-connection-from")) {
                continue;
            }
            Harness.Result r = Harness.run(Harness.replayConfig(), tests.get(name));
            assertThat(r.events()).as(name).hasSize(1);
            NetworkEvent e = r.events().get(0);
            JsonNode g = entry.get("event");
            assertThat(e.process().name()).as(name).isEqualTo(g.path("process").path("name").asText());
            assertThat(e.process().executable()).as(name).isEqualTo(g.path("process").path("exe").asText());
            assertThat(String.valueOf(e.process().pid())).as(name).isEqualTo(g.path("process").path("pid").asText());
            assertThat(e.user().id()).as(name).isEqualTo(g.path("user").path("ids").path("uid").asText());
            assertThat(e.event().action()).as(name).isEqualTo(action);
            assertThat(e.network().direction()).as(name).isEqualTo(g.path("network").path("direction").asText());
            String side = action.equals("connected-to") ? "destination" : "source";
            NetworkEvent.Endpoint endpoint = side.equals("destination") ? e.destination() : e.source();
            assertThat(endpoint.ip()).as(name).isEqualTo(g.path(side).path("ip").asText());
            assertThat(String.valueOf(endpoint.port())).as(name).isEqualTo(g.path(side).path("port").asText());
            assertThat(e.timestamp().toString()).as(name).isEqualTo(g.path("@timestamp").asText());
            compared++;
        }
        assertThat(compared).isEqualTo(2);
    }

    @Test
    void everyOtherEventOfTheThreeFilesIsFilteredNotRejected() throws IOException {
        // ubuntu-16.10: 14 events, 2 network starts (connect, accept); listen is not a start for netrare.
        assertCounts("ubuntu-16.10-linux-4.8.0.yaml", 14, 2);
        // ubuntu-17.04: getpeername/getsockname and others: no network start.
        Map<String, String> t1704 = tests("ubuntu-17.04-linux-4.10.0.yaml");
        assertCounts("ubuntu-17.04-linux-4.10.0.yaml", t1704.size(), 0);
        // rhel-7: logins, crypto sessions, mounts: no network start.
        Map<String, String> rhel = tests("rhel-7-linux-3.10.0.yaml");
        assertCounts("rhel-7-linux-3.10.0.yaml", rhel.size(), 0);
    }

    private static void assertCounts(String file, int events, int emitted) throws IOException {
        Map<String, String> tests = tests(file);
        assertThat(tests).as(file).hasSize(events);
        long total = 0;
        long out = 0;
        for (Map.Entry<String, String> t : tests.entrySet()) {
            Harness.Result r = Harness.run(Harness.replayConfig(), t.getValue());
            assertThat(r.counts().rejected()).as(file + " " + t.getKey() + " " + r.rejected()).isZero();
            assertThat(r.counts().read()).as(file + " " + t.getKey()).isEqualTo(1);
            total += r.counts().read();
            out += r.counts().emitted();
        }
        assertThat(total).isEqualTo(events);
        assertThat(out).as(file).isEqualTo(emitted);
    }

    private static Map<String, String> tests(String file) throws IOException {
        JsonNode root = YAML.readTree(Harness.fixture(DIR + file));
        Map<String, String> out = new LinkedHashMap<>();
        root.get("tests").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
