package io.netrare.ingest.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedLineTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAuditdLineInAShippersEnvelopeNamesItsHostAndFile() {
        ShippedLine l = ShippedLine.of(utf8("{\"message\":\"type=EOE msg=audit(1764558000.100:5):\",\"host\":{\"name\":\"db-02\"},"
                + "\"log\":{\"file\":{\"path\":\"/var/log/audit/audit.log\"}}}"));
        assertThat(l).isNotNull();
        assertThat(new String(l.line(), StandardCharsets.UTF_8)).isEqualTo("type=EOE msg=audit(1764558000.100:5):");
        assertThat(l.source()).isEqualTo("db-02//var/log/audit/audit.log");
    }

    @Test
    void dottedKeysAndTheAgentIdServeToo() {
        ShippedLine l = ShippedLine.of(utf8("{\"message\":\"type=EOE msg=audit(1.1:5):\",\"agent.id\":\"a-1\"}"));
        assertThat(l.source()).isEqualTo("a-1");
    }

    @Test
    void ecsDocumentsAndBareLinesAreNoEnvelope() {
        assertThat(ShippedLine.of(utf8("{\"event\":{\"category\":[\"network\"]},\"message\":\"hello\"}"))).isNull();
        assertThat(ShippedLine.of(utf8("type=EOE msg=audit(1.1:5):"))).isNull();
        assertThat(ShippedLine.of(utf8("{\"message\": msg=audit( not json"))).isNull();
    }
}
