package dev.cairn.core.internal.engine;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads a run hands its connecting to: a later run reuses an idle one, each task runs
 * under its own name with the caller's context class loader, and an idle thread holds none.
 */
class HelperThreadsTests {

	private record Seen(Thread thread, String name, ClassLoader loader) {
	}

	private static Seen run(String name) throws Exception {
		CompletableFuture<Seen> seen = new CompletableFuture<>();
		HelperThreads.start(name, () -> seen.complete(new Seen(Thread.currentThread(),
				Thread.currentThread().getName(), Thread.currentThread().getContextClassLoader())));
		return seen.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aTaskRunsUnderItsOwnNameWithTheCallersContextClassLoaderAndTheIdleThreadKeepsNeither() throws Exception {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader application = new URLClassLoader(new URL[0], previous)) {
			Thread.currentThread().setContextClassLoader(application);
			Seen seen = run("cairn-connect-orders");
			assertThat(seen.name()).isEqualTo("cairn-connect-orders");
			assertThat(seen.loader()).isSameAs(application);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!seen.thread().getName().equals(HelperThreads.IDLE) && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(seen.thread().getName()).isEqualTo(HelperThreads.IDLE);
			assertThat(seen.thread().getContextClassLoader()).isNull();
			assertThat(seen.thread().isDaemon()).isTrue();
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	@Test
	void aLaterTaskReusesAnIdleThread() throws Exception {
		Seen first = run("cairn-connect-a");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!first.thread().getName().equals(HelperThreads.IDLE) && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		Thread.sleep(20); // back in the queue's poll
		assertThat(run("cairn-connect-b").thread()).isSameAs(first.thread());
	}

}
