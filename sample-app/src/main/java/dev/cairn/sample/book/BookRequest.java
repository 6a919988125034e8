package dev.cairn.sample.book;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /books}. The limits repeat the table's CHECK constraints.
 *
 * @param isbn the ISBN-13, digits only
 * @param title the title
 * @param authorId the author's id
 * @param publishedYear the year of first publication, if known
 */
public record BookRequest(
		@NotBlank @Pattern(regexp = "97[89][0-9]{10}",
				message = "must be an ISBN-13: 13 digits starting with 978 or 979, without hyphens") String isbn,
		@NotBlank @Size(max = 300) String title, @NotNull @Positive Long authorId,
		@Min(-3000) @Max(2100) Integer publishedYear) {

}
