package dev.cairn.core.internal.index;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IndexLineTests {

	private static final String A = "a".repeat(64);

	private static final String B = "0123456789abcdef".repeat(4);

	@Test
	void readsWhatTheManifestWriterWritesAsTheManifestParserReadsIt() {
		String text = "# cairn manifest 1\n# version  sha256  file\n# \"late\" ...\n"
				+ "1  " + A + "  000001_a.up.sql\n"
				+ "1  " + B + "  000001_a.down.sql\n"
				+ "3 late  " + A + "  sub/000003_name with  spaces.up.sql\n"
				+ "R  " + B + "  R__views.sql\n";
		assertThat(IndexLine.parse(bytes(text), "x")).isEqualTo(viaManifest(text)).containsExactly(
				new IndexLine("000001_a.up.sql", A), new IndexLine("000001_a.down.sql", B),
				new IndexLine("sub/000003_name with  spaces.up.sql", A), new IndexLine("R__views.sql", B));
	}

	@Test
	void otherShapesAreReadByTheManifestParser() {
		for (String text : List.of("# cairn manifest 1\n1\t" + A + "\t000001_a.up.sql\n",
				"# cairn manifest 1\r\n1  " + A + "  000001_a.up.sql\r\n",
				"# cairn manifest 1\n\n1   " + A + "   000001_a.up.sql  \n\n",
				"# cairn manifest 1\n1  " + A + "  000001_a.up.sql")) {
			assertThat(IndexLine.parse(bytes(text), "x")).as(text)
				.isEqualTo(viaManifest(text))
				.containsExactly(new IndexLine("000001_a.up.sql", A));
		}
	}

	@Test
	void aFileListedTwiceOrANewerFormatIsRefusedAsTheManifestRefusesIt() {
		String twice = "# cairn manifest 1\n1  " + A + "  000001_a.up.sql\n1  " + A + "  000001_a.up.sql\n";
		assertThatExceptionOfType(ManifestFormatException.class).isThrownBy(() -> IndexLine.parse(bytes(twice), "x"))
			.withMessageContaining("listed twice");
		String newer = "# cairn manifest 2\n1  " + A + "  000001_a.up.sql\n";
		assertThatExceptionOfType(ManifestFormatException.class).isThrownBy(() -> IndexLine.parse(bytes(newer), "x"))
			.withMessageContaining("upgrade Cairn");
	}

	private static List<IndexLine> viaManifest(String text) {
		return Manifest.parse(text, "x").entries().stream()
			.map((entry) -> new IndexLine(entry.script(), entry.checksum())).toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
