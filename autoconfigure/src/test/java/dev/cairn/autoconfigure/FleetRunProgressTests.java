package dev.cairn.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.TenantOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class FleetRunProgressTests {

	private Instant now = Instant.parse("2026-12-07T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return FleetRunProgressTests.this.now;
		}

	};

	private void advance(long millis) {
		this.now = this.now.plusMillis(millis);
	}

	@Test
	void beforeTheTenantsAreListedTheTotalIsUnknownAndNothingIsDone() {
		FleetRunProgress.Snapshot snapshot = new FleetRunProgress(this.clock).snapshot();
		assertThat(snapshot.total()).isNull();
		assertThat(snapshot.done()).isZero();
		assertThat(snapshot.slowest()).isNull();
		assertThat(snapshot.tenantsPerSecond()).isZero();
	}

	@Test
	void countsFinishedTenantsByOutcomeAndTheRate() {
		FleetRunProgress progress = new FleetRunProgress(this.clock);
		progress.fleetStarted("tenants", 10, 2);
		finish(progress, "acme", TenantOutcome.State.APPLIED, 300);
		finish(progress, "globex", TenantOutcome.State.UP_TO_DATE, 100);
		finish(progress, "initech", TenantOutcome.State.FAILED, 200);
		finish(progress, "hooli", TenantOutcome.State.NOT_RUN, 0);
		advance(2000);
		FleetRunProgress.Snapshot snapshot = progress.snapshot();
		assertThat(snapshot.total()).isEqualTo(10);
		assertThat(snapshot.workers()).isEqualTo(2);
		assertThat(snapshot.done()).isEqualTo(4);
		assertThat(snapshot.applied()).isEqualTo(1);
		assertThat(snapshot.failed()).isEqualTo(1);
		assertThat(snapshot.running()).isZero();
		assertThat(snapshot.elapsed()).isEqualTo(Duration.ofSeconds(2));
		assertThat(snapshot.tenantsPerSecond()).isEqualTo(2.0);
		assertThat(snapshot.slowest()).isEqualTo(new FleetRunProgress.Slowest("acme", Duration.ofMillis(300), false));
	}

	@Test
	void aTenantRunningLongerThanAnyFinishedOneIsTheSlowest() {
		FleetRunProgress progress = new FleetRunProgress(this.clock);
		progress.fleetStarted("tenants", 3, 2);
		progress.tenantStarted("umbrella");
		finish(progress, "acme", TenantOutcome.State.APPLIED, 300);
		advance(200);
		assertThat(progress.snapshot().slowest().tenant()).as("umbrella has run 200 ms, acme took 300").isEqualTo("acme");
		assertThat(progress.snapshot().running()).isEqualTo(1);
		advance(200);
		assertThat(progress.snapshot().slowest())
			.isEqualTo(new FleetRunProgress.Slowest("umbrella", Duration.ofMillis(400), true));
	}

	private void finish(FleetRunProgress progress, String tenant, TenantOutcome.State state, long millis) {
		if (state != TenantOutcome.State.NOT_RUN) {
			progress.tenantStarted(tenant);
		}
		progress.tenantFinished(new TenantOutcome(tenant, state, List.of(), null, null, Duration.ofMillis(millis)));
	}

}
