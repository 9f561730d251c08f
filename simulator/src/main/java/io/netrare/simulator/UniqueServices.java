package io.netrare.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Services of a host on a fleet where every host is unique: one service only this host runs, plus three drawn
 * from a pool of common server software, each at its own rate. No process of the single-host attacks is in the
 * pool, so those stay new to their host. Every service runs as the app user.
 */
final class UniqueServices {

    private static final String[][] POOL = {
            {"grafana-server", "/usr/sbin/grafana-server", "grafana"}, {"prometheus", "/usr/bin/prometheus", "prometheus"},
            {"consul", "/usr/bin/consul", "consul"}, {"vault", "/usr/bin/vault", "vault"},
            {"rabbitmq-server", "/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq"},
            {"mongod", "/usr/bin/mongod", "mongodb"}, {"mysqld", "/usr/sbin/mysqld", "mysql"},
            {"memcached", "/usr/bin/memcached", "memcache"}, {"haproxy", "/usr/sbin/haproxy", "haproxy"},
            {"envoy", "/usr/local/bin/envoy", "envoy"}, {"etcd", "/usr/bin/etcd", "etcd"},
            {"influxd", "/usr/bin/influxd", "influxdb"}, {"telegraf", "/usr/bin/telegraf", "telegraf"},
            {"fluent-bit", "/opt/fluent-bit/bin/fluent-bit", "root"}, {"minio", "/usr/local/bin/minio", "minio"},
            {"caddy", "/usr/bin/caddy", "caddy"}, {"mosquitto", "/usr/sbin/mosquitto", "mosquitto"},
            {"named", "/usr/sbin/named", "bind"}, {"postfix", "/usr/lib/postfix/sbin/master", "root"},
            {"squid", "/usr/sbin/squid", "proxy"}};

    private UniqueServices() {
    }

    static List<ProcessProfile> of(SimHost host, long seed) {
        SplittableRandom random = new SplittableRandom(Mix.seed(seed, "unique-services", host.index()));
        List<ProcessProfile> out = new ArrayList<>();
        String own = String.format(Locale.ROOT, "svc-%s", host.name());
        out.add(ProcessProfile.in(own, "/opt/" + own + "/bin/" + own, "app", Peer.range("10.0.2.", 11, 18, 0),
                7000 + host.index(), 1.0 + random.nextDouble() * 3).asDaemon());
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < POOL.length; i++) {
            left.add(i);
        }
        for (int k = 0; k < 3; k++) {
            String[] s = POOL[left.remove(random.nextInt(left.size()))];
            double rate = 0.2 + random.nextDouble() * 2;
            out.add(ProcessProfile.out(s[0], s[1], "app", Peer.range("10.0." + (1 + random.nextInt(5)) + ".", 11, 18,
                    1024 + random.nextInt(8000)), rate).asDaemon());
        }
        return out;
    }
}
