package dev.cairn.maven;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestFormatException;

/** Reading a committed manifest and reporting problems, shared by the goals. */
final class Manifests {

	private Manifests() {
	}

	static Manifest read(Path file, String shown) throws MojoFailureException, MojoExecutionException {
		try {
			return Manifest.parse(Files.readString(file, StandardCharsets.UTF_8), shown);
		}
		catch (ManifestFormatException ex) {
			throw new MojoFailureException(ex.getMessage());
		}
		catch (CharacterCodingException ex) {
			throw new MojoFailureException(shown + " is not UTF-8 text: write it again with mvn cairn:manifest");
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not read " + shown + ": " + ex, ex);
		}
	}

	/** One line per problem under a heading, so each shows in the build's output. */
	static String report(String heading, List<String> problems) {
		StringBuilder text = new StringBuilder(heading).append(" (").append(problems.size())
			.append(problems.size() == 1 ? " problem" : " problems").append("):");
		for (String problem : problems) {
			text.append("\n  - ").append(problem);
		}
		return text.toString();
	}

}
