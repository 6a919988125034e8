package dev.cairn.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

import dev.cairn.autoconfigure.CairnProperties.Mode;
import dev.cairn.core.Cairn;
import dev.cairn.core.TrackSet;

/**
 * Migrates once the context is refreshed: the web server and liveness are up, readiness
 * refuses traffic until the run ends, and the endpoint can show progress meanwhile. Runs
 * before the application's own runners, which may use the database. In
 * {@code cairn.mode=validate} it applies nothing and waits instead, checking at
 * {@code cairn.validate-interval}, until another instance has applied every pending
 * migration.
 */
public class CairnMigrationRunner implements ApplicationRunner, Ordered, DisposableBean {

	/** The runner's order: early, so that other runners see the migrated schema. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final Migrations migrations;

	private final ApplicationEventPublisher publisher;

	public CairnMigrationRunner(List<Cairn> cairns, boolean failOnError, ApplicationEventPublisher publisher) {
		this(new Migrations(cairns, Mode.MIGRATE, failOnError, CairnProperties.DEFAULT_VALIDATE_INTERVAL, null),
				publisher);
	}

	public CairnMigrationRunner(TrackSet tracks, boolean failOnError, ApplicationEventPublisher publisher) {
		this(new Migrations(tracks, Mode.MIGRATE, failOnError, CairnProperties.DEFAULT_VALIDATE_INTERVAL, null),
				publisher);
	}

	CairnMigrationRunner(Migrations migrations, ApplicationEventPublisher publisher) {
		this.migrations = migrations;
		this.publisher = publisher;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Readiness already refuses until Boot reports ready; saying so makes the state explicit to listeners.
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		this.migrations.run();
	}

	@Override
	public void destroy() {
		this.migrations.stop();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
