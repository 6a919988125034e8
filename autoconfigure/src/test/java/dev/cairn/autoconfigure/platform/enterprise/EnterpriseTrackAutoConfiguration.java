package dev.cairn.autoconfigure.platform.enterprise;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.cairn.autoconfigure.CairnTrack;

/**
 * What an "enterprise" jar ships: an auto-configuration of its own that contributes its series
 * of migrations, read from the jar, as a track that runs after the application's core track.
 */
@AutoConfiguration
public class EnterpriseTrackAutoConfiguration {

	@Bean
	CairnTrack enterpriseTrack() {
		return CairnTrack.of("enterprise", List.of("classpath:platform/enterprise"), List.of("core"));
	}

}
