package dev.cairn.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.cairn.core.MigrationListener;
import dev.cairn.core.Operation;

/**
 * Observes migrate runs: an observation {@code cairn.run} per run and, inside it,
 * {@code cairn.migration} per applied migration. With tracing they are spans; with metrics,
 * Spring Boot's meter handler turns each into a timer of the same name (and a
 * {@code .active} long task timer), so {@link CairnMetrics} does not record those timers
 * again.
 *
 * <p>Low-cardinality keys (also timer tags): {@code track}, {@code outcome} ({@code success} or
 * {@code failure}), and {@code type} on {@code cairn.migration}. High-cardinality keys (spans
 * only): {@code version} and {@code script}. The run's scope is open while it runs, so JDBC
 * observations of the migrating connection nest under it.
 *
 * <p>Engine events of one run all arrive on the migrating thread, so the open observations are
 * kept per thread.
 */
public class CairnObservations implements MigrationListener {

	private final ObservationRegistry registry;

	private final ThreadLocal<@Nullable Open> run = new ThreadLocal<>();

	private final ThreadLocal<@Nullable Open> migration = new ThreadLocal<>();

	public CairnObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void runStarted(RunStarted event) {
		if (event.operation() != Operation.MIGRATE) {
			return;
		}
		Observation observation = Observation.createNotStarted(CairnMetrics.RUN, this.registry)
			.contextualName("cairn migrate")
			.lowCardinalityKeyValue("track", event.track())
			.start();
		this.run.set(new Open(observation, observation.openScope()));
	}

	@Override
	public void migrationStarted(MigrationStarted event) {
		Open parent = this.run.get();
		Observation observation = Observation.createNotStarted(CairnMetrics.MIGRATION, this.registry)
			.contextualName("cairn migration " + ((event.version() != null) ? event.version() : event.script()))
			.parentObservation((parent != null) ? parent.observation() : null)
			.lowCardinalityKeyValue("track", event.track())
			.lowCardinalityKeyValue("type", CairnMetrics.type(event.type()))
			.highCardinalityKeyValue("version", (event.version() != null) ? event.version().toString() : "repeatable")
			.highCardinalityKeyValue("script", event.script())
			.start();
		this.migration.set(new Open(observation, observation.openScope()));
	}

	@Override
	public void migrationApplied(MigrationApplied event) {
		stop(this.migration, null);
	}

	@Override
	public void migrationFailed(MigrationFailed event) {
		stop(this.migration, event.error());
	}

	@Override
	public void runFinished(RunFinished event) {
		if (event.operation() != Operation.MIGRATE) {
			return;
		}
		// A migration still open here was cut short by the run's failure.
		stop(this.migration, event.error());
		stop(this.run, event.error());
	}

	private static void stop(ThreadLocal<@Nullable Open> holder, @Nullable Throwable error) {
		Open open = holder.get();
		if (open == null) {
			return;
		}
		holder.remove();
		open.scope().close();
		Observation observation = open.observation();
		observation.lowCardinalityKeyValue("outcome", (error != null) ? "failure" : "success");
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	private record Open(Observation observation, Observation.Scope scope) {

	}

}
