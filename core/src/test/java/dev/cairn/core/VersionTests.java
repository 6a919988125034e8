package dev.cairn.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VersionTests {

	@Test
	void leadingZerosDoNotCount() {
		assertThat(Version.parse("000042")).isEqualTo(Version.parse("42"));
		assertThat(Version.parse("000042")).hasToString("42");
	}

	@Test
	void partsCompareNumerically() {
		assertThat(Version.parse("2.10")).isGreaterThan(Version.parse("2.9"));
		assertThat(Version.parse("1_10")).isGreaterThan(Version.parse("1_9"));
		assertThat(Version.parse("10")).isGreaterThan(Version.parse("9"));
	}

	@Test
	void underscoreAndDotSeparatorsAreTheSame() {
		assertThat(Version.parse("1_2_3")).isEqualTo(Version.parse("1.2.3")).hasToString("1.2.3");
	}

	@Test
	void trailingZeroPartsAreInsignificant() {
		assertThat(Version.parse("1.0")).isEqualTo(Version.parse("1")).hasSameHashCodeAs(Version.parse("1"));
		assertThat(Version.parse("1.0.0")).isEqualByComparingTo(Version.parse("1"));
		assertThat(Version.parse("1.0.1")).isGreaterThan(Version.parse("1"));
	}

	@Test
	void timestampVersionsFit() {
		assertThat(Version.parse("20260521103000")).isGreaterThan(Version.parse("20260521102959"));
	}

	@Test
	void sortsAMixedList() {
		List<Version> versions = new ArrayList<>(
				List.of(Version.parse("2.10"), Version.parse("1"), Version.parse("2.9"), Version.parse("0002")));
		versions.sort(null);
		assertThat(versions).extracting(Version::toString).containsExactly("1", "2", "2.9", "2.10");
	}

	@Test
	void rejectsWhatIsNotAVersion() {
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("")).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("1..2"));
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("1.a"));
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("-1"));
	}

	@Test
	void rejectsPartsTooLargeForALong() {
		assertThat(Version.parse("9223372036854775807")).hasToString("9223372036854775807");
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("9223372036854775808"))
			.withMessageContaining("larger than");
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("99999999999999999999999"));
	}

}
