package dev.cairn.sample.author;

import java.time.Instant;

/**
 * An author as the API returns it.
 *
 * @param id the author's id
 * @param name the name
 * @param born the year of birth, if known
 * @param createdAt when the row was inserted
 * @param updatedAt when the row last changed; kept by a trigger (migration 000003)
 */
public record Author(long id, String name, Integer born, Instant createdAt, Instant updatedAt) {

}
