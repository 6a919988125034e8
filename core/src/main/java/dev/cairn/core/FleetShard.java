package dev.cairn.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which part of a tenant fleet one process migrates: tenant {@code t} belongs to shard
 * {@code index} of {@code count} when {@link #shardOf(String, int) shardOf(t, count)} is
 * {@code index}. The hash is FNV-1a (32 bit) over the tenant name's UTF-8 bytes, taken
 * unsigned modulo the count: it depends on nothing but the name, so every process of a
 * Kubernetes Indexed Job (and every re-run) puts each tenant in the same shard, and the shards
 * of one count cover the fleet exactly once.
 *
 * @param index this process's shard, from 0
 * @param count how many shards the fleet is cut into, at least 1
 */
public record FleetShard(int index, int count) {

	/** The variable a Kubernetes Indexed Job sets to each pod's completion index. */
	public static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

	private static final FleetShard ALL = new FleetShard(0, 1);

	public FleetShard {
		if (count < 1) {
			throw new CairnConfigurationException("Fleet shard count " + count + " is not positive: use the number of"
					+ " processes that migrate the fleet together (the Job's completions), or 1 for all tenants");
		}
		if (index < 0 || index >= count) {
			throw new CairnConfigurationException("Fleet shard index " + index + " is outside 0.." + (count - 1)
					+ " for a shard count of " + count + ": the index counts from 0 and must be below the count");
		}
	}

	/** The whole fleet in one process. */
	public static FleetShard all() {
		return ALL;
	}

	/**
	 * The shard of a pod of a Kubernetes Indexed Job: the index from {@code JOB_COMPLETION_INDEX}
	 * (set by Kubernetes), the count from configuration (the Job's {@code completions}).
	 * @param environment the process environment, such as {@code System.getenv()}
	 * @param count the shard count
	 * @return the shard; the whole fleet when the count is 1 and the variable is absent
	 * @throws CairnConfigurationException if the count is above 1 and the variable is absent, or
	 * the variable is not a number in range
	 */
	public static FleetShard fromEnvironment(Map<String, String> environment, int count) {
		@Nullable String value = environment.get(JOB_COMPLETION_INDEX);
		if (value == null || value.isBlank()) {
			if (count == 1) {
				return ALL;
			}
			throw new CairnConfigurationException("Fleet shard count is " + count + " but " + JOB_COMPLETION_INDEX
					+ " is not set: run as a Kubernetes Indexed Job (completionMode: Indexed), or set the shard index"
					+ " explicitly");
		}
		int index;
		try {
			index = Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new CairnConfigurationException(JOB_COMPLETION_INDEX + " is '" + value + "', not a number: it must be"
					+ " the pod's completion index (0, 1, ...)");
		}
		return new FleetShard(index, count);
	}

	/**
	 * The shard a tenant belongs to.
	 * @param tenant the tenant's name
	 * @param count the shard count
	 * @return a number from 0 to {@code count - 1}
	 */
	public static int shardOf(String tenant, int count) {
		int hash = 0x811c9dc5;
		for (byte b : tenant.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x01000193;
		}
		return Integer.remainderUnsigned(hash, count);
	}

	/** Whether this shard migrates the tenant. */
	public boolean contains(String tenant) {
		return this.count == 1 || shardOf(tenant, this.count) == this.index;
	}

	@Override
	public String toString() {
		return (this.index + 1) + " of " + this.count;
	}

}
