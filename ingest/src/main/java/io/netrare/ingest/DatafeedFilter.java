package io.netrare.ingest;

import io.netrare.schema.NetworkEvent;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The anchor datafeed's query applied to one normalized event. The first matching reason wins, in the
 * order: not a network start, not Linux (or OS unknown), excluded destination, excluded user, excluded process.
 */
public final class DatafeedFilter {

    private final DatafeedFilterConfig config;

    public DatafeedFilter(DatafeedFilterConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    public DatafeedFilterConfig config() {
        return config;
    }

    /** The reason to drop the event, or null to keep it. */
    public FilterReason reasonToDrop(NetworkEvent event) {
        if (!containsAny(event.event().category(), config.categories())
                || !containsAny(event.event().type(), config.types())) {
            return FilterReason.NOT_NETWORK_START;
        }
        String osType = event.host().os().type();
        String osFamily = event.host().os().family();
        boolean osChecked = !config.linuxOsTypes().isEmpty() || !config.linuxOsFamilies().isEmpty();
        if (!osChecked) {
            // a datafeed without an OS clause selects every host
        } else if (osType == null && osFamily == null) {
            if (!config.acceptUnknownOs()) {
                return FilterReason.OS_UNKNOWN;
            }
        } else if (!matches(osType, config.linuxOsTypes()) && !matches(osFamily, config.linuxOsFamilies())) {
            return FilterReason.NOT_LINUX;
        }
        String destination = event.destination().ip();
        if (destination != null) {
            String canonical = IpAddresses.canonical(destination);
            if (config.excludedDestinationIps().contains(canonical == null ? destination : canonical)) {
                return FilterReason.EXCLUDED_DESTINATION;
            }
        }
        String user = event.user().name();
        if (user != null && config.excludedUserNames().contains(user)) {
            return FilterReason.EXCLUDED_USER;
        }
        String process = event.process().name();
        if (process != null && config.excludedProcessNames().contains(process)) {
            return FilterReason.EXCLUDED_PROCESS;
        }
        return null;
    }

    private static boolean containsAny(List<String> values, Set<String> wanted) {
        for (int i = 0, n = values.size(); i < n; i++) { // an event's lists are immutable ones: get(i) is direct
            if (wanted.contains(values.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Elastic's match query analyses the text, so the comparison ignores case. */
    private static boolean matches(String value, Set<String> wanted) {
        return value != null && (wanted.contains(value) || wanted.contains(value.toLowerCase(Locale.ROOT)));
    }
}
