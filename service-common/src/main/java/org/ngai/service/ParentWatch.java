package org.ngai.service;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * With {@code ngai.exit-with-parent=true} (set by the local run and the end-to-end tests) the service
 * exits when the process that started it dies, so a killed launcher never leaves services behind.
 */
@ApplicationScoped
public class ParentWatch {
    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    @ConfigProperty(name = "ngai.exit-with-parent", defaultValue = "false")
    boolean enabled;

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            while (parent.get().isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            LOG.info("parent process is gone; exiting");
            Quarkus.asyncExit(0);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
