package dev.cairn.sample.loan;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /books/{id}/loans}.
 *
 * @param borrower who takes the book
 * @param days how many days they may keep it; 21 when not given
 */
public record LoanRequest(@NotBlank @Size(max = 100) String borrower, @Min(1) @Max(90) Integer days) {

	static final int DEFAULT_DAYS = 21;

	int daysOrDefault() {
		return (this.days != null) ? this.days : DEFAULT_DAYS;
	}

}
