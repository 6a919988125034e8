package dev.cairn.core.internal.fleet;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker pool of a fleet, without a database: outcomes in listing order, never more
 * tenants at once than workers, stop on failure, and a worker killed by an Error.
 */
class FleetRunTests {

	private static final List<String> TENANTS = IntStream.range(0, 40).mapToObj((i) -> "t" + i).toList();

	@Test
	void outcomesComeInListingOrderAndNoMoreTenantsRunAtOnceThanWorkers() {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Set<String> threads = ConcurrentHashMap.newKeySet();
		List<String> outcomes = new FleetRun<String>("f", 3, false).run(TENANTS, (tenant) -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			threads.add(Thread.currentThread().getName());
			Thread.onSpinWait();
			running.decrementAndGet();
			return tenant + ":ok";
		}, (outcome) -> false, (tenant) -> tenant + ":not-run", (outcome) -> {
		});
		assertThat(outcomes).containsExactlyElementsOf(TENANTS.stream().map((t) -> t + ":ok").toList());
		assertThat(most.get()).isLessThanOrEqualTo(3);
		assertThat(threads).allMatch((name) -> name.startsWith("cairn-fleet-f-"));
	}

	@Test
	void stopOnFailureStartsNoTenantAfterTheFailureWithOneWorker() {
		List<String> outcomes = new FleetRun<String>("f", 1, true).run(TENANTS,
				(tenant) -> tenant.equals("t5") ? "t5:failed" : tenant + ":ok", (outcome) -> outcome.endsWith("failed"),
				(tenant) -> tenant + ":not-run", (outcome) -> {
				});
		assertThat(outcomes.subList(0, 6)).containsExactly("t0:ok", "t1:ok", "t2:ok", "t3:ok", "t4:ok", "t5:failed");
		assertThat(outcomes.subList(6, TENANTS.size())).allMatch((outcome) -> outcome.endsWith(":not-run"));
	}

	@Test
	void withoutTheStopPolicyAFailureDoesNotStopTheOthers() {
		List<String> outcomes = new FleetRun<String>("f", 4, false).run(TENANTS,
				(tenant) -> tenant.equals("t5") ? "t5:failed" : tenant + ":ok", (outcome) -> outcome.endsWith("failed"),
				(tenant) -> tenant + ":not-run", (outcome) -> {
				});
		assertThat(outcomes).filteredOn((outcome) -> outcome.endsWith(":ok")).hasSize(TENANTS.size() - 1);
	}

	@Test
	void aWorkerKilledByAnErrorLeavesItsTenantsNotRunAndTheOthersFinish() {
		List<String> outcomes = new FleetRun<String>("f", 2, false).run(TENANTS, (tenant) -> {
			if (tenant.equals("t3")) {
				throw new OutOfMemoryError("test");
			}
			return tenant + ":ok";
		}, (outcome) -> false, (tenant) -> tenant + ":not-run", (outcome) -> {
		});
		assertThat(outcomes).hasSize(TENANTS.size()).doesNotContainNull();
		assertThat(outcomes.get(3)).isEqualTo("t3:not-run");
		// The other worker carried on through the rest of the list.
		assertThat(outcomes.get(TENANTS.size() - 1)).isEqualTo("t39:ok");
	}

}
