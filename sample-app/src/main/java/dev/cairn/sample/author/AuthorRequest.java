package dev.cairn.sample.author;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /authors} and {@code PUT /authors/{id}}. The limits repeat the
 * table's CHECK constraints, so bad input is answered with 400 before it reaches the database.
 *
 * @param name the name
 * @param born the year of birth, if known
 */
public record AuthorRequest(@NotBlank @Size(max = 200) String name, @Min(-3000) @Max(2100) Integer born) {

}
