package dev.cairn.core.internal.engine;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads a run hands its connecting to (the first connect attempt, the opening of
 * the locked session), kept for a few seconds after their last task and then ended.
 *
 * <p>Why not a new thread per run: {@code Thread.start()} returns only once the new thread has
 * been scheduled, which on a busy machine of two cores costs 1-3 ms, and it sits on the no-op
 * path's critical path (connecting starts only then). A second run in the same JVM (a health
 * check, status, every tenant of a fleet, a test suite) hands its work to an idle thread instead,
 * which costs a wake-up. A thread is as many as runs at once need, never a queue: an attempt that
 * hangs on a stuck server keeps its thread and delays nobody else.
 *
 * <p>A thread carries its task's name while it runs it ({@code cairn-connect-<track>}), and
 * {@value #IDLE} between tasks; it runs each task with the context class loader of the thread
 * that handed it over and holds none while idle, so an application's class loader is not kept
 * alive by an idle thread.
 */
final class HelperThreads {

	/** The name of a thread between tasks. */
	static final String IDLE = "cairn-helper-idle";

	private static final long KEEP_ALIVE_SECONDS = 5;

	private static final AtomicInteger made = new AtomicInteger();

	private static final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
			TimeUnit.SECONDS, new SynchronousQueue<>(), HelperThreads::newThread);

	private HelperThreads() {
	}

	/** Runs {@code task} now on a thread of its own, named {@code name} while it runs. */
	static void start(String name, Runnable task) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		threads.execute(() -> {
			Thread thread = Thread.currentThread();
			thread.setName(name);
			thread.setContextClassLoader(loader);
			try {
				task.run();
			}
			finally {
				thread.setContextClassLoader(null);
				thread.setName(IDLE);
			}
		});
	}

	private static Thread newThread(Runnable worker) {
		Thread thread = new Thread(worker, IDLE + "-" + made.incrementAndGet());
		thread.setDaemon(true);
		thread.setContextClassLoader(null);
		return thread;
	}

}
