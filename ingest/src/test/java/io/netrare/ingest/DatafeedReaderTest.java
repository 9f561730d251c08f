package io.netrare.ingest;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatafeedReaderTest {

    private static final String ML = "fixtures/elastic-ml/kibana/x-pack/";

    @Test
    void theCurrentKibanaDatafeedIsTheDefault() {
        DatafeedFilterConfig read = DatafeedReader.read(Harness.fixturePath(ML
                + "platform/plugins/shared/ml/server/models/data_recognizer/modules/security_linux/ml/datafeed_v3_linux_anomalous_network_activity.json"));
        assertThat(read).isEqualTo(DatafeedFilterConfig.defaults());
    }

    @Test
    void theEuidDatafeedHasTheSameQuery() {
        DatafeedFilterConfig read = DatafeedReader.read(Harness.fixturePath(ML
                + "platform/plugins/shared/ml/server/models/data_recognizer/modules/security_linux/ml/datafeed_v3_linux_anomalous_network_activity_euid.json"));
        assertThat(read).isEqualTo(DatafeedFilterConfig.defaults());
    }

    @Test
    void theOlderDatafeedHasNoProcessExclusions() {
        DatafeedFilterConfig read = DatafeedReader.read(Harness.fixturePath(ML
                + "plugins/ml/server/models/data_recognizer/modules/security_linux/ml/datafeed_v3_linux_anomalous_network_activity.json"));
        assertThat(read.excludedProcessNames()).isEmpty();
        assertThat(read.excludedUserNames()).containsExactly("jenkins");
        assertThat(read.excludedDestinationIps()).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.53", "::", "::1");
        assertThat(read.linuxOsFamilies()).isEqualTo(Set.of("debian", "redhat", "suse", "ubuntu"));
    }

    @Test
    void unsupportedClausesAreAllNamed() {
        String json = "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"event.category\":\"network\"}},{\"range\":{\"x\":{}}}],"
                + "\"must_not\":[{\"term\":{\"host.name\":\"a\"}}],\"should\":[]}}}";
        assertThatThrownBy(() -> DatafeedReader.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range")
                .hasMessageContaining("host.name")
                .hasMessageContaining("query.bool.should");
    }

    @Test
    void aDatafeedWithoutOsClauseSelectsEveryHost() {
        DatafeedFilterConfig read = DatafeedReader.read("{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"event.category\":\"network\"}}]}}}");
        DatafeedFilter filter = new DatafeedFilter(read);
        assertThat(filter.reasonToDrop(DatafeedFilterTest.event("windows", null, "1.2.3.4", "u", "p"))).isNull();
    }
}
