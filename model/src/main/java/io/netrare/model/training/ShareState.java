package io.netrare.model.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The state of a share's {@code snapshot} on the models topic: the model and the last bucket the share
 * closed (which may be later than the model's last learned bucket, when the last buckets were empty).
 */
record ShareState(@JsonProperty("last_closed") long lastClosed, JsonNode model) {
}
