package dev.cairn.autoconfigure;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

import dev.cairn.core.Cairn;

/**
 * Migrates once the context is refreshed: the web server and liveness are up, readiness
 * refuses traffic until the run ends, and the endpoint can show progress meanwhile. Runs
 * before the application's own runners, which may use the database.
 */
public class CairnMigrationRunner implements ApplicationRunner, Ordered {

	/** The runner's order: early, so that other runners see the migrated schema. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final List<Cairn> cairns;

	private final boolean failOnError;

	private final ApplicationEventPublisher publisher;

	public CairnMigrationRunner(List<Cairn> cairns, boolean failOnError, ApplicationEventPublisher publisher) {
		this.cairns = List.copyOf(cairns);
		this.failOnError = failOnError;
		this.publisher = publisher;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Readiness already refuses until Boot reports ready; saying so makes the state explicit to listeners.
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		Migrations.migrate(this.cairns, this.failOnError);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
