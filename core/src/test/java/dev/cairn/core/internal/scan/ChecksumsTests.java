package dev.cairn.core.internal.scan;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTests {

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void isTheSha256OfTheBytesInHex() {
		// sha256("abc")
		assertThat(Checksums.of(bytes("abc")))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void crlfLineEndingsAndByteOrderMarkDoNotChangeIt() {
		String unix = Checksums.of(bytes("CREATE TABLE a (id int);\nSELECT 1;\n"));
		assertThat(Checksums.of(bytes("CREATE TABLE a (id int);\r\nSELECT 1;\r\n"))).isEqualTo(unix);
		assertThat(Checksums.of(bytes("\uFEFFCREATE TABLE a (id int);\nSELECT 1;\n"))).isEqualTo(unix);
	}

	@Test
	void anyOtherChangeDoes() {
		String original = Checksums.of(bytes("SELECT 1;\n"));
		assertThat(Checksums.of(bytes("SELECT 1; \n"))).isNotEqualTo(original);
		assertThat(Checksums.of(bytes("SELECT 1;"))).isNotEqualTo(original);
		assertThat(Checksums.of(bytes("SELECT 1;\r"))).isNotEqualTo(original);
	}

	@Test
	void emptyFileHasTheEmptyDigest() {
		assertThat(Checksums.of(new byte[0]))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

}
