package dev.cairn.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

import dev.cairn.core.MigrationListener;
import dev.cairn.core.Operation;

/**
 * Keeps the application not ready after a failed run ({@code cairn.fail-on-error=false}):
 * Spring Boot reports {@code ACCEPTING_TRAFFIC} once start-up ends, and this answers with
 * {@code REFUSING_TRAFFIC}. When a later migrate run succeeds (an operator fixed the cause
 * and ran {@code migrate} through the endpoint), it reports {@code ACCEPTING_TRAFFIC} again.
 */
class ReadinessGate implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>>, MigrationListener {

	private static final Log logger = LogFactory.getLog(ReadinessGate.class);

	private final CairnRunTracker tracker;

	private final ApplicationEventPublisher publisher;

	// Whether this gate turned Spring Boot's ACCEPTING_TRAFFIC into REFUSING_TRAFFIC.
	private volatile boolean holding;

	ReadinessGate(CairnRunTracker tracker, ApplicationEventPublisher publisher,
			ObjectProvider<ApplicationAvailability> availability) {
		this.tracker = tracker;
		this.publisher = publisher;
		// Listeners of equal order are called in registration order. Creating the availability bean
		// first registers it first, so it records our REFUSING_TRAFFIC after Boot's ACCEPTING_TRAFFIC.
		availability.ifAvailable((bean) -> {
		});
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && this.tracker.hasFailed()) {
			logger.warn("Migrations failed, so the application stays not ready (REFUSING_TRAFFIC) although it started;"
					+ " see the health component 'migrations' and /actuator/migrations");
			this.holding = true;
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		}
	}

	@Override
	public void runFinished(RunFinished event) {
		// The tracker is ordered first among listeners, so it already counts this run.
		if (event.operation() == Operation.MIGRATE && event.succeeded() && this.holding && !this.tracker.hasFailed()) {
			this.holding = false;
			logger.info("Migrations succeeded now, so the application reports ready (ACCEPTING_TRAFFIC) again");
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

}
