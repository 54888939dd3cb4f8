package org.ngai.service.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Crash points for the fault tests: a real process death at an exact place in a tick, where killing
 * from outside can only land somewhere. Off unless the system property {@code ngai.fault.crash-at} is
 * {@code point:tick:markerFile}; then the first time the service reaches {@code point} at {@code tick}
 * it creates the marker file and halts the JVM (exit 137, no shutdown hooks, like kill -9). The marker
 * makes it one-shot, so the same instance restarted with the same settings goes on.
 *
 * <p>Points: {@code firm.after-checkpoint} (checkpoint stored, TICK_STARTED of the next tick not yet
 * published), {@code factor.after-checkpoint} and {@code market.after-checkpoint} (checkpoint stored,
 * nothing after it handled yet), {@code indicator.after-store} (tick stored, INDICATORS_PUBLISHED and
 * TICK_CLOSED not yet published). {@code ngai.fault.error-at} (same form) throws an {@link OutOfMemoryError}
 * there instead, once.
 */
public final class FaultPoints {
    private static final Logger LOG = Logger.getLogger(FaultPoints.class);
    private static final String SPEC = System.getProperty("ngai.fault.crash-at", "");
    /** Same form; throws an OutOfMemoryError there instead (the consumer must halt, not dead-letter the event). */
    private static final String ERROR_SPEC = System.getProperty("ngai.fault.error-at", "");

    private FaultPoints() {
    }

    public static void reached(String point, int tick) {
        if (!ERROR_SPEC.isEmpty() && firstTime(ERROR_SPEC, point, tick)) {
            LOG.errorf("fault point %s reached at tick %d: throwing OutOfMemoryError", point, tick);
            throw new OutOfMemoryError("simulated by ngai.fault.error-at at " + point + ", tick " + tick);
        }
        if (!SPEC.isEmpty() && firstTime(SPEC, point, tick)) {
            LOG.errorf("fault point %s reached at tick %d: halting the JVM", point, tick);
            Runtime.getRuntime().halt(137);
        }
    }

    /** Whether spec names this point and tick and its marker file did not exist yet (it does now). */
    private static boolean firstTime(String spec, String point, int tick) {
        String[] p = spec.split(":", 3);
        if (p.length != 3 || !p[0].equals(point) || !p[1].equals(String.valueOf(tick))) {
            return false;
        }
        Path marker = Path.of(p[2]);
        if (Files.exists(marker)) {
            return false;
        }
        try {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Files.writeString(marker, point + " at tick " + tick);
        } catch (IOException e) {
            LOG.warnf("fault point %s: cannot write marker %s (%s); not failing", point, marker, e.getMessage());
            return false;
        }
        return true;
    }
}
