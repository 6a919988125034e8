package dev.cairn.core.internal.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs one piece of work per tenant on a bounded number of worker threads, each taking the
 * next tenant in listing order until none is left. With {@code stopOnFailure}, a failure stops
 * workers from starting further tenants (those already running finish); the tenants not
 * started get the {@code notRun} outcome. Outcomes come back in listing order.
 *
 * @param <T> what one tenant's work gives
 */
public final class FleetRun<T> {

	private final String name;

	private final int workers;

	private final boolean stopOnFailure;

	public FleetRun(String name, int workers, boolean stopOnFailure) {
		this.name = name;
		this.workers = workers;
		this.stopOnFailure = stopOnFailure;
	}

	/**
	 * Runs the work, returning when every tenant has its outcome.
	 * @param tenants the tenants, in order
	 * @param work one tenant's work; must not throw
	 * @param failed whether an outcome is a failure
	 * @param notRun the outcome of a tenant the run did not start
	 * @param done told of every outcome as it comes (from the worker threads)
	 */
	public List<T> run(List<String> tenants, Function<String, T> work, Predicate<T> failed,
			Function<String, T> notRun, Consumer<T> done) {
		@SuppressWarnings("unchecked")
		T[] outcomes = (T[]) new Object[tenants.size()];
		AtomicInteger next = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		Runnable worker = () -> {
			int index;
			while ((index = next.getAndIncrement()) < tenants.size()) {
				String tenant = tenants.get(index);
				T outcome = stop.get() ? notRun.apply(tenant) : work.apply(tenant);
				if (this.stopOnFailure && failed.test(outcome)) {
					stop.set(true);
				}
				outcomes[index] = outcome;
				done.accept(outcome);
			}
		};
		int threads = Math.min(this.workers, tenants.size());
		if (threads <= 1) {
			worker.run();
			fillGaps(tenants, outcomes, notRun);
			return Arrays.asList(outcomes);
		}
		List<Thread> started = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(worker, "cairn-fleet-" + this.name + "-" + (i + 1));
			thread.setDaemon(true);
			thread.start();
			started.add(thread);
		}
		boolean interrupted = false;
		for (Thread thread : started) {
			while (thread.isAlive()) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					// Stop starting tenants, but let the running ones end cleanly: each holds a tenant's lock.
					stop.set(true);
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		fillGaps(tenants, outcomes, notRun);
		return Arrays.asList(outcomes);
	}

	/**
	 * A worker that died of an Error (out of memory) left its tenant and those it would have
	 * taken without an outcome: they count as not run, so the result stays whole and a re-run
	 * takes them.
	 */
	private static <T> void fillGaps(List<String> tenants, T[] outcomes, Function<String, T> notRun) {
		for (int i = 0; i < outcomes.length; i++) {
			if (outcomes[i] == null) {
				outcomes[i] = notRun.apply(tenants.get(i));
			}
		}
	}

}
