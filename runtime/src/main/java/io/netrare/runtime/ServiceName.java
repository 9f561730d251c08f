package io.netrare.runtime;

import java.util.regex.Pattern;

/**
 * A service's name ({@code ingest}, {@code model}, {@code scoring}, {@code alerting}): used in meter
 * names, the dead-letter topic, the consumer group and the transactional id. Bound in every injector.
 */
public record ServiceName(String value) {

    private static final Pattern LEGAL = Pattern.compile("[a-z][a-z0-9_-]*");

    public ServiceName {
        if (value == null || !LEGAL.matcher(value).matches()) {
            throw new IllegalArgumentException("service name must match " + LEGAL + ", got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
