package io.netrare.runtime.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest {

    private final List<String> events = new ArrayList<>();

    private Component component(String name, boolean failOnStart) {
        return new Component() {
            @Override
            public void start() {
                events.add("start " + name);
                if (failOnStart) {
                    throw new IllegalStateException(name + " cannot start");
                }
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        Lifecycle lifecycle = new Lifecycle(List.of(component("a", false), component("b", false), component("c", false)));
        assertThat(lifecycle.ready()).isFalse();
        lifecycle.start();
        assertThat(lifecycle.ready()).isTrue();
        lifecycle.stop();
        lifecycle.stop(); // idempotent
        assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
        assertThat(lifecycle.ready()).isFalse();
    }

    @Test
    void aFailedStartStopsTheStartedComponentsInReverse() {
        Lifecycle lifecycle = new Lifecycle(List.of(component("a", false), component("b", false),
                component("c", true), component("d", false)));
        assertThatThrownBy(lifecycle::start).isInstanceOf(Lifecycle.LifecycleException.class)
                .hasMessageContaining("start of c failed");
        assertThat(events).containsExactly("start a", "start b", "start c", "stop b", "stop a");
        assertThat(lifecycle.isStopped()).isTrue();
        assertThat(lifecycle.ready()).isFalse();
    }

    @Test
    void readinessFollowsComponentHealth() {
        boolean[] healthy = {true};
        Component flaky = new Component() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }

            @Override
            public boolean healthy() {
                return healthy[0];
            }
        };
        Lifecycle lifecycle = new Lifecycle(List.of(flaky));
        lifecycle.start();
        assertThat(lifecycle.ready()).isTrue();
        healthy[0] = false;
        assertThat(lifecycle.ready()).isFalse();
    }

    @Test
    void aFailingStopDoesNotPreventTheOthers() {
        Component bad = new Component() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
                events.add("stop bad");
                throw new IllegalStateException("boom");
            }
        };
        Lifecycle lifecycle = new Lifecycle(List.of(component("a", false), bad, component("c", false)));
        lifecycle.start();
        lifecycle.stop();
        assertThat(events).containsExactly("start a", "start c", "stop c", "stop bad", "stop a");
    }
}
