package org.ngai.firm.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.service.EventPublisher;
import org.ngai.service.capacity.RunCapacity;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.rest.ErrorMappers.Conflict;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.firm.rest.RunRequest;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Creates and controls runs. Commands only record intent and publish a control event; the instance
 * that owns the run's partition acts on it (docs/pipeline.md: one instance of each service owns a run).
 */
@ApplicationScoped
public class RunService {
    @Inject
    RunStore store;
    @Inject
    EventPublisher publisher;
    @Inject
    RunCapacity capacity;

    /**
     * Validates the request completely (400 naming the field) and books its heap (422 naming firms and the
     * limit when it does not fit, docs/pipeline.md "Capacity") before anything is stored or sent.
     */
    public RunEntity create(RunRequest req) {
        if (req == null) {
            throw new BadRequest("(body)", "request body is required: {\"scenario\": \"baseline\"}");
        }
        if (req.scenario() != null && req.scenarioDocument() != null) {
            throw new BadRequest("scenario", "give either scenario (a bundled name) or scenarioDocument, not both");
        }
        Scenario s;
        if (req.scenarioDocument() != null) {
            s = ScenarioLoader.fromTree(req.scenarioDocument());
        } else {
            String name = req.scenario() == null ? "baseline" : req.scenario();
            if (!ScenarioLoader.bundledNames().contains(name)) {
                throw new ScenarioException("scenario", "'" + name + "' is not a bundled scenario; known: "
                        + ScenarioLoader.bundledNames());
            }
            s = ScenarioLoader.bundled(name);
        }
        Scenario.Builder b = s.toBuilder();
        if (req.seed() != null) {
            b.seed(req.seed());
        }
        if (req.firms() != null) {
            b.firms(req.firms());
        }
        if (req.ticks() != null) {
            b.ticks(req.ticks());
        }
        return start(b.build(), null);
    }

    /** Books the run's heap, stores it and publishes RUN_STARTED (a fork's names its parent and first tick). */
    private RunEntity start(Scenario scenario, Payloads.ForkOf fork) {
        String id = UUID.randomUUID().toString();
        capacity.reserve(id, scenario.firms());
        RunEntity e;
        try {
            e = store.create(id, scenario, fork == null ? null : fork.parentRunId(), fork == null ? null : fork.tick());
        } catch (RuntimeException ex) {
            capacity.release(id);
            throw ex;
        }
        publisher.publish(id, EventType.RUN_STARTED, 0, 0, new Payloads.RunStarted(ScenarioLoader.toTree(scenario), fork));
        return e;
    }

    /**
     * A fork of run {@code parentId} (docs/pipeline.md "Forks"): its scenario is the parent's with the request's
     * parameters scheduled at the fork tick. The parent must have closed the tick before it (its state there
     * exists); the services then derive the fork's state at that tick and run it from there.
     */
    public RunEntity fork(String parentId, org.ngai.firm.rest.ForkRequest req) {
        RunEntity parent = get(parentId);
        if (req == null) {
            throw new BadRequest("(body)", "request body is required: {\"tick\": 28, \"parameters\": {...}}");
        }
        if (req.tick() == null) {
            throw new BadRequest("tick", "is required: the first tick of the fork, 1.." + parent.ticks);
        }
        Scenario parentScenario = ScenarioLoader.parse(parent.scenarioJson);
        Scenario scenario = org.ngai.model.engine.Fork.scenario(parentScenario, req.tick(), req.parameters(), req.name());
        int reached = RunEntity.Status.FINISHED.name().equals(parent.status) ? parent.ticks : parent.currentTick - 1;
        if (req.tick() - 1 > reached) {
            throw new Conflict("run " + parentId + " has closed tick " + Math.max(0, reached) + " (" + parent.status
                    + "); a fork of it can start at tick " + (Math.max(0, reached) + 1) + " at the latest, not " + req.tick());
        }
        return start(scenario, new Payloads.ForkOf(parentId, req.tick()));
    }

    public RunEntity get(String id) {
        return store.find(id).orElseThrow(() -> new NotFound("run " + id + " does not exist"));
    }

    public RunEntity pause(String id) {
        RunEntity e = activeOrConflict(id);
        publisher.publish(id, EventType.RUN_PAUSED, e.currentTick, (int) (System.nanoTime() & 0x7fffffff),
                new Payloads.RunPaused("requested"));
        return e;
    }

    public RunEntity resume(String id) {
        RunEntity e = activeOrConflict(id);
        publisher.publish(id, EventType.RUN_RESUMED, e.currentTick, (int) (System.nanoTime() & 0x7fffffff),
                new Payloads.RunResumed("requested"));
        return e;
    }

    public RunEntity cancel(String id) {
        RunEntity e = activeOrConflict(id);
        publisher.publish(id, EventType.RUN_CANCELLED, e.currentTick, 0, new Payloads.RunCancelled("cancelled by request"));
        return e;
    }

    private RunEntity activeOrConflict(String id) {
        RunEntity e = get(id);
        if (e.status.equals(RunEntity.Status.FINISHED.name()) || e.status.equals(RunEntity.Status.CANCELLED.name())
                || e.status.equals(RunEntity.Status.FAILED.name())) {
            throw new Conflict("run " + id + " is " + e.status);
        }
        return e;
    }
}
