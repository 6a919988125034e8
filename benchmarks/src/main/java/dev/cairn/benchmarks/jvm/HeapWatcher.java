package dev.cairn.benchmarks.jvm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Watches the heap while something runs: the highest occupancy (heap use only grows between
 * collections, so the peak is either a collection's before-GC figure or the figure at the end;
 * no sampling thread is needed), the highest occupancy right after a collection (an upper bound
 * of the live data), and the bytes allocated by the threads alive at the end (HotSpot's
 * per-thread counters; threads that ended in between are not counted).
 */
public final class HeapWatcher implements AutoCloseable {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final AtomicLong peakUsed = new AtomicLong();

	private final AtomicLong peakAfterGc = new AtomicLong();

	private final AtomicLong collections = new AtomicLong();

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::onGc;

	private final long allocatedBefore;

	private final long startUptime = ManagementFactory.getRuntimeMXBean().getUptime();

	private long allocated;

	public HeapWatcher() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
				this.emitters.add(emitter);
			}
		}
		this.peakUsed.set(this.memory.getHeapMemoryUsage().getUsed());
		this.allocatedBefore = allocatedByLiveThreads();
	}

	private void onGc(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		// Notifications arrive late: one for a collection that began before watching is not ours.
		if (info.getGcInfo().getStartTime() < this.startUptime) {
			return;
		}
		this.collections.incrementAndGet();
		this.peakUsed.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
		this.peakAfterGc.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
	}

	private long heapTotal(Map<String, MemoryUsage> pools) {
		return pools.entrySet()
			.stream()
			.filter((pool) -> this.heapPools.contains(pool.getKey()))
			.mapToLong((pool) -> pool.getValue().getUsed())
			.sum();
	}

	private long allocatedByLiveThreads() {
		long total = 0;
		for (long bytes : this.threads.getThreadAllocatedBytes(this.threads.getAllThreadIds())) {
			total += Math.max(0, bytes);
		}
		return total;
	}

	@Override
	public void close() {
		this.allocated = allocatedByLiveThreads() - this.allocatedBefore;
		this.peakUsed.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// Already gone.
			}
		}
	}

	public long peakUsedBytes() {
		return this.peakUsed.get();
	}

	public long peakAfterGcBytes() {
		return this.peakAfterGc.get();
	}

	public long collections() {
		return this.collections.get();
	}

	public long allocatedBytes() {
		return this.allocated;
	}

}
