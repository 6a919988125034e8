package dev.cairn.sample.book;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SortTitleTests {

	@Test
	void aLeadingArticleIsLeftOutAndTheRestIsLowerCase() {
		assertThat(SortTitle.of("The Idiot")).isEqualTo("idiot");
		assertThat(SortTitle.of("A Tale of Two Cities")).isEqualTo("tale of two cities");
		assertThat(SortTitle.of("an Ode")).isEqualTo("ode");
		assertThat(SortTitle.of("Emma")).isEqualTo("emma");
		assertThat(SortTitle.of("Theory of Everything")).isEqualTo("theory of everything");
		assertThat(SortTitle.of("The")).isEqualTo("the");
	}

}
