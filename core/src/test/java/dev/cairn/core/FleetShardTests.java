package dev.cairn.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shards of a tenant fleet: a tenant's shard depends on its name alone (pinned values, so a
 * change of hash, which would move tenants between the pods of a running Job, fails here),
 * and the shards of one count cover every tenant exactly once.
 */
class FleetShardTests {

	@Test
	void theShardOfATenantIsFnv1aOfItsUtf8NameModuloTheCount() {
		assertThat(FleetShard.shardOf("acme", 4)).isEqualTo(3);
		assertThat(FleetShard.shardOf("tenant_0001", 8)).isEqualTo(1);
		assertThat(FleetShard.shardOf("Zürich", 3)).isEqualTo(2);
		assertThat(FleetShard.shardOf("acme", 1)).isZero();
		// FNV-1a of "acme" is 1174237615: 3 modulo 4.
	}

	@Test
	void theShardsOfOneCountCoverEveryTenantExactlyOnceAndEvenly() {
		List<String> tenants = IntStream.range(0, 1000).mapToObj((i) -> "tenant_" + i).toList();
		Map<Integer, Integer> sizes = new HashMap<>();
		for (String tenant : tenants) {
			List<Integer> owners = IntStream.range(0, 4)
				.filter((index) -> new FleetShard(index, 4).contains(tenant))
				.boxed()
				.toList();
			assertThat(owners).as(tenant).hasSize(1);
			sizes.merge(owners.get(0), 1, Integer::sum);
		}
		assertThat(sizes.values()).allSatisfy((size) -> assertThat(size).isBetween(200, 300));
	}

	@Test
	void theIndexComesFromAnIndexedJobAndTheCountFromConfiguration() {
		assertThat(FleetShard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2"), 4)).isEqualTo(new FleetShard(2, 4));
		assertThat(FleetShard.fromEnvironment(Map.of(), 1)).isEqualTo(FleetShard.all());
		assertThat(new FleetShard(2, 4)).hasToString("3 of 4");
		assertThatThrownBy(() -> FleetShard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "4"), 4))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("index 4 is outside 0..3");
		assertThatThrownBy(() -> new FleetShard(0, 0)).hasMessageContaining("count 0 is not positive");
		assertThat(FleetShard.all().contains("anything")).isTrue();
	}

}
