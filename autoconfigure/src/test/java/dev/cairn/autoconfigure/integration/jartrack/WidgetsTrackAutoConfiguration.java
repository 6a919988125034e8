package dev.cairn.autoconfigure.integration.jartrack;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.cairn.autoconfigure.CairnTrack;

/**
 * A library's auto-configuration contributing its series as a track. Registered only by the
 * {@code AutoConfiguration.imports} of the jar {@code ContributedTrackJarTests} builds, next to
 * the series' migrations: an application that does not have that jar never sees it.
 */
@AutoConfiguration
public class WidgetsTrackAutoConfiguration {

	@Bean
	CairnTrack widgetsTrack() {
		return CairnTrack.of("widgets", List.of("classpath:widgets-lib/migrations"), List.of("core"));
	}

}
