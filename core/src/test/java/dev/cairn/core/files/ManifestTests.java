package dev.cairn.core.files;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ManifestTests {

	private static final String SHA_A = "a".repeat(64);

	private static final String SHA_B = "0123456789abcdef".repeat(4);

	@Test
	void writesOneLinePerFileAndReadsItBack() {
		Manifest manifest = new Manifest(List.of(new ManifestEntry(Version.parse("1"), false, SHA_A, "000001_a.up.sql"),
				new ManifestEntry(Version.parse("3"), true, SHA_B, "sub/000003_b c.up.sql"),
				new ManifestEntry(null, false, SHA_A, "R__views.sql")));
		String text = manifest.format();
		assertThat(text).startsWith("# cairn manifest 1\n")
			.contains("1  " + SHA_A + "  000001_a.up.sql\n")
			.contains("3 late  " + SHA_B + "  sub/000003_b c.up.sql\n")
			.contains("R  " + SHA_A + "  R__views.sql\n");
		assertThat(Manifest.parse(text, "m")).isEqualTo(manifest);
	}

	@Test
	void readsCrlfLineEndingsAndIgnoresCommentsAndBlankLines() {
		String text = "# cairn manifest 1\r\n\r\n# a comment\r\n2.1  " + SHA_A + "  V2_1__x.sql\r\n";
		assertThat(Manifest.parse(text, "m").entries())
			.containsExactly(new ManifestEntry(Version.parse("2.1"), false, SHA_A, "V2_1__x.sql"));
	}

	@Test
	void fieldsMayBeSeparatedByTabsAndAFileNameKeepsItsSpaces() {
		String text = "# cairn manifest 1\n3\tlate \t" + SHA_A + "\tV3__my file.sql  \n";
		assertThat(Manifest.parse(text, "m").entries())
			.containsExactly(new ManifestEntry(Version.parse("3"), true, SHA_A, "V3__my file.sql"));
	}

	@Test
	void anEmptyTextIsAnEmptyManifest() {
		assertThat(Manifest.parse("", "m").entries()).isEmpty();
	}

	@Test
	void aBadVersionNamesTheLine() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("# cairn manifest 1\n\nx1  " + SHA_A + "  a.sql\n", "db/cairn-manifest.txt"))
			.withMessageStartingWith("db/cairn-manifest.txt:3: version 'x1' is not a dotted sequence of numbers")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void aTruncatedChecksumIsRefused() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("# cairn manifest 1\n1  abc  000001_a.up.sql\n", "m"))
			.withMessageContaining("m:2: 'abc' is not a SHA-256");
	}

	@Test
	void upperCaseHexIsRefused() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("# cairn manifest 1\n1  " + SHA_A.toUpperCase() + "  000001_a.up.sql\n", "m"))
			.withMessageContaining("is not a SHA-256");
	}

	@Test
	void aLineWithoutFileIsRefused() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("# cairn manifest 1\n1 late " + SHA_A + "\n", "m"))
			.withMessageContaining("m:2: a line is 'version [late] sha256 file': this one has too few fields");
	}

	@Test
	void aFileListedTwiceIsRefused() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("# cairn manifest 1\n1  " + SHA_A + "  a.up.sql\n1  " + SHA_B + "  a.up.sql\n", "m"))
			.withMessageContaining("m:3: a.up.sql is listed twice");
	}

	@Test
	void entriesWithoutTheHeaderAreRefused() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("1  " + SHA_A + "  000001_a.up.sql\n", "m"))
			.withMessageContaining("the first line must be '# cairn manifest 1'");
	}

	@Test
	void aNewerFormatAsksForANewerCairn() {
		assertThatExceptionOfType(ManifestFormatException.class)
			.isThrownBy(() -> Manifest.parse("# cairn manifest 2\n", "m"))
			.withMessageContaining("format '2', which this version of Cairn does not read: upgrade Cairn");
	}

	@Test
	void theIndexOfALocationIsAHiddenFileInIt() {
		assertThat(Manifest.indexPath("db/migrations")).isEqualTo("db/migrations/.cairn-index");
	}

}
