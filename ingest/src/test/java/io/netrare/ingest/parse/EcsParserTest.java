package io.netrare.ingest.parse;

import io.netrare.ingest.FilterReason;
import io.netrare.ingest.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EcsParserTest {

    private static Outcome parse(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return new EcsParser().parse(b, 0, b.length, new ParseContext("t", 0, Instant.EPOCH));
    }

    /** A module whose starts are known by their action, in a document without one: not a start, not a crash. */
    @Test
    void aDocumentWithoutAnActionIsNotANetworkStart() {
        for (String module : new String[] {"\"event\":{\"module\":\"auditd\"}", "\"event\":{\"module\":\"endpoint\"}",
                "\"event\":{\"module\":\"system\",\"dataset\":\"socket\"}"}) {
            Outcome o = parse("{\"@timestamp\":\"2026-11-20T10:00:00Z\"," + module + "}");
            assertThat(o).as(module).isInstanceOf(Outcome.Filtered.class);
            assertThat(((Outcome.Filtered) o).reason()).as(module).isEqualTo(FilterReason.NOT_NETWORK_START);
        }
    }
}
