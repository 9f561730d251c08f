package io.netrare.runtime.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Starts components in order and stops them in reverse. If a start fails, the components already
 * started are stopped (in reverse) and the failure is rethrown. {@link #stop()} is idempotent.
 */
public final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final List<Component> components;
    private final Deque<Component> started = new ArrayDeque<>();
    private volatile boolean allStarted;
    private volatile boolean stopped;

    public Lifecycle(List<? extends Component> components) {
        this.components = List.copyOf(requireNonNull(components, "components is null"));
    }

    /** Starts every component in order; on failure stops the started ones and throws {@link LifecycleException}. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("lifecycle already stopped");
        }
        for (Component c : components) {
            try {
                LOG.debug("starting {}", c.name());
                c.start();
                started.push(c);
            } catch (Exception | Error e) {
                LOG.error("start of {} failed; stopping {} started component(s)", c.name(), started.size(), e);
                stopStarted();
                stopped = true;
                throw new LifecycleException("start of " + c.name() + " failed: " + e, e);
            }
        }
        allStarted = true;
    }

    /** Stops started components in reverse order; errors are logged and do not prevent the others from stopping. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        allStarted = false;
        stopStarted();
    }

    private void stopStarted() {
        while (!started.isEmpty()) {
            Component c = started.pop();
            try {
                LOG.debug("stopping {}", c.name());
                c.stop();
            } catch (Exception | Error e) {
                LOG.warn("stop of {} failed", c.name(), e);
            }
        }
    }

    /** True when every component started and reports itself healthy. */
    public boolean ready() {
        if (!allStarted || stopped) {
            return false;
        }
        for (Component c : components) {
            if (!c.healthy()) {
                return false;
            }
        }
        return true;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** The first component failure, if a component gave up. */
    public Optional<Throwable> failure() {
        for (Component c : components) {
            Optional<Throwable> f = c.failure();
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    public List<Component> components() {
        return components;
    }

    /** A start failure. */
    public static final class LifecycleException extends RuntimeException {
        public LifecycleException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
