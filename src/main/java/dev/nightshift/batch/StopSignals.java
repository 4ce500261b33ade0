package dev.nightshift.batch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Routes SIGTERM and SIGINT to a graceful stop before the JVM starts shutting down. Left to the
 * JVM, the signal runs every shutdown hook at once, and H2's hook closes the database while the
 * batch still has to record that it stopped; so the stop runs first, then the usual exit.
 */
public final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final AtomicReference<Runnable> STOP = new AtomicReference<>();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private StopSignals() {
    }

    /**
     * Until the returned handle is closed, a stop signal runs {@code stop} and then exits with
     * 128 + the signal's number, as a process ended by it would.
     */
    public static AutoCloseable route(Runnable stop) {
        install();
        STOP.set(stop);
        return () -> STOP.compareAndSet(stop, null);
    }

    private static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), StopSignals::stop);
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
    }

    private static void stop(Signal signal) {
        try {
            Runnable stop = STOP.get();
            if (stop != null) {
                log.warn("SIG{} received: stopping", signal.getName());
                stop.run();
            }
        } catch (RuntimeException e) {
            log.error("the stop did not finish cleanly", e);
        } finally {
            System.exit(128 + signal.getNumber());
        }
    }
}
