package dev.cairn.autoconfigure;

import java.util.List;

import dev.cairn.core.CairnConfiguration;

/**
 * A track a library contributes as a bean, so that its jar brings its own series of
 * migrations without the application configuring it: the starter adds it to the tracks after
 * those of {@code cairn.*} and {@code cairn.tracks.*}. The application can still switch it off
 * or order it by name ({@code cairn.tracks.<name>.enabled}, {@code cairn.tracks.<name>.after}).
 *
 * <p>Its history table is {@code cairn_history_<name>} and its legacy tables
 * {@code <name>_schema_migrations} and {@code <name>_flyway_schema_history} unless
 * {@link #configure} says otherwise; the engine's settings (data source, listeners, connect
 * timeout) are the application's.
 */
public interface CairnTrack {

	/**
	 * The track's name, as shown in logs, metrics, health and {@code /actuator/migrations}.
	 * @return the name
	 */
	String name();

	/**
	 * Sets the track's own settings: its locations, and any other setting it needs.
	 * @param builder the builder, with the name and the derived table names already set
	 */
	void configure(CairnConfiguration.Builder builder);

	/**
	 * A track that reads its migrations from the given locations and takes every other
	 * setting's default.
	 * @param name the track's name
	 * @param locations where its migrations are, such as {@code classpath:db/enterprise}
	 * @param after the tracks it runs after, whose tables its migrations reference
	 * @return the track
	 */
	static CairnTrack of(String name, List<String> locations, List<String> after) {
		List<String> ownLocations = List.copyOf(locations);
		List<String> ownAfter = List.copyOf(after);
		return new CairnTrack() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public void configure(CairnConfiguration.Builder builder) {
				builder.locations(ownLocations).after(ownAfter);
			}

			@Override
			public String toString() {
				return "CairnTrack '" + name + "' " + ownLocations;
			}

		};
	}

}
