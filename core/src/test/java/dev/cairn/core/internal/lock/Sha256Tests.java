package dev.cairn.core.internal.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Tests {

	@Test
	void digestsEqualTheJdksForEveryLengthAcrossBlockBoundaries() throws Exception {
		Random random = new Random(42);
		for (int length = 0; length <= 300; length++) {
			byte[] input = new byte[length];
			random.nextBytes(input);
			assertThat(Sha256.digest(input)).as("length %d", length)
				.isEqualTo(MessageDigest.getInstance("SHA-256").digest(input));
		}
	}

	@Test
	void digestsAKnownVector() {
		assertThat(java.util.HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.UTF_8))))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void lockKeysStayWhatEarlierVersionsComputed() {
		// Two versions of Cairn side by side in a rolling deploy must agree on the key.
		assertThat(AdvisoryLock.objectId("\"public\".\"cairn_history\"")).isEqualTo(301305733);
		assertThat(AdvisoryLock.objectId("\"tenant_0042\".\"cairn_history\"")).isEqualTo(2029361740);
		assertThat(AdvisoryLock.objectId("")).isEqualTo(1672528962);
	}

}
