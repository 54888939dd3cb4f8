package org.ngai.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The metric {@code transform_dead_letters_total{service,topic}}: records this service rejected. */
@ApplicationScoped
public class DeadLetters {
    public static final String METRIC = "transform_dead_letters_total";

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** One more record of {@code topic} rejected to the dead-letter topic. */
    public void count(String topic) {
        Counter.builder(METRIC).tag("service", service).tag("topic", topic)
                .description("records this service rejected to the dead-letter topic").register(registry).increment();
    }
}
