package io.netrare.simulator;

import java.util.Map;

/** Numeric ids of the simulated users; one id per name across the fleet keeps the data easy to read. */
final class Users {

    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("root", "0"),
            Map.entry("www-data", "33"),
            Map.entry("nginx", "994"),
            Map.entry("_apt", "42"),
            Map.entry("systemd-resolve", "101"),
            Map.entry("_chrony", "106"),
            Map.entry("chrony", "992"),
            Map.entry("postgres", "114"),
            Map.entry("redis", "116"),
            Map.entry("jenkins", "117"),
            Map.entry("app", "1001"),
            Map.entry("ops", "1002"),
            Map.entry("nobody", "65534"));

    private Users() {
    }

    static String id(String user) {
        String id = IDS.get(user);
        if (id == null) {
            throw new IllegalArgumentException("unknown simulated user " + user);
        }
        return id;
    }
}
