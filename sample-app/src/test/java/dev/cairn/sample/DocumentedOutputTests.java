package dev.cairn.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample outputs in the README and the docs come from here, so they cannot drift from what
 * the app really answers: the app is started on a fresh database, and its start-up log, endpoint,
 * health and metrics are compared with every block marked
 * {@code <!-- generated: NAME -->} ... {@code <!-- /generated -->} in {@code README.md} and
 * {@code src/docs/*.md}. Values that change from run to run (times, durations, disk sizes,
 * paths) are compared as placeholders. {@code -Dcairn.docs.write=true} rewrites the blocks
 * with this run's output.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentedOutputTests {

	private static final Pattern BLOCK = Pattern
		.compile("(<!-- generated: ([\\w.-]+) -->\\n```\\w*\\n)(.*?)(```\\n<!-- /generated -->)", Pattern.DOTALL);

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void theReadmeAndDocsShowWhatTheAppAnswers(CapturedOutput output) throws Exception {
		Map<String, String> samples = new LinkedHashMap<>();
		String url = TestServers.freshDatabase();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LibraryApplication.class)
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres")) {
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			samples.put("start-log", startLog(output.getOut()));
			samples.put("migrations.json", elideMiddleMigrations(JsonLayout.pretty(get(port, "/actuator/migrations"))));
			// The folder the app runs in is this machine's; the docs show a reader's.
			samples.put("health.json", JsonLayout.pretty(get(port, "/actuator/health"))
				.replaceAll("\"path\": \"[^\"]*\"", "\"path\": \"/home/you/cairn/sample-app/.\""));
			samples.put("metric-applied.json", JsonLayout.pretty(get(port, "/actuator/metrics/cairn.migrations.applied")));
			samples.put("metric-pending.json", JsonLayout.pretty(get(port, "/actuator/metrics/cairn.migrations.pending")));
		}
		boolean write = Boolean.getBoolean("cairn.docs.write");
		List<String> differences = new ArrayList<>();
		List<String> used = new ArrayList<>();
		for (Path doc : documents()) {
			String text = Files.readString(doc);
			Matcher block = BLOCK.matcher(text);
			StringBuilder rewritten = new StringBuilder();
			while (block.find()) {
				String name = block.group(2);
				String sample = samples.get(name);
				assertThat(sample).as("a sample named '%s' (in %s)", name, doc).isNotNull();
				used.add(name);
				if (!normalise(block.group(3)).equals(normalise(sample))) {
					differences.add(ROOT.relativize(doc) + ", block '" + name + "':\n" + sample);
				}
				block.appendReplacement(rewritten, Matcher.quoteReplacement(block.group(1) + sample + block.group(4)));
			}
			block.appendTail(rewritten);
			if (write) {
				Files.writeString(doc, rewritten.toString());
			}
		}
		assertThat(used).as("the README shows the endpoint, health and a metric").contains("migrations.json",
				"health.json", "metric-applied.json", "start-log");
		if (!write) {
			assertThat(differences)
				.as("Docs that disagree with what the app answers; rewrite them with -Dcairn.docs.write=true")
				.isEmpty();
		}
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("src/docs"))) {
			docs.filter((doc) -> doc.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	/** The engine's lines of the start-up log, without the logging prefix. */
	private static String startLog(String output) {
		return output.lines()
			.map((line) -> {
				int at = line.indexOf("Track 'default': ");
				return (at >= 0) ? line.substring(at) : null;
			})
			.filter((line) -> line != null)
			.collect(Collectors.joining("\n", "", "\n"));
	}

	/** Versions 2 to 5 look like 1 and 6: the README shows the first and the last. */
	private static String elideMiddleMigrations(String json) {
		Matcher entries = Pattern.compile("(?s)(        \\{\\n          \"version\": \"2\".*?)(        \\{\\n          \"version\": \"6\")")
			.matcher(json);
		return entries.find() ? json.substring(0, entries.start(1)) + "        … versions 2 to 5, all \"applied\" …\n"
				+ json.substring(entries.start(2)) : json;
	}

	static String normalise(String text) {
		// Tag values come in no particular order.
		Matcher values = Pattern.compile("(?s)\"values\": \\[(.*?)\\]").matcher(text);
		StringBuilder sorted = new StringBuilder();
		while (values.find()) {
			String items = Stream.of(values.group(1).split(","))
				.map(String::strip)
				.sorted()
				.collect(Collectors.joining(","));
			values.appendReplacement(sorted, Matcher.quoteReplacement("\"values\": [" + items + "]"));
		}
		values.appendTail(sorted);
		return sorted.toString().replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<instant>")
			.replaceAll("\"(\\w*(Ms|ms)|total|free|value)\": [\\d.E]+", "\"$1\": <n>")
			.replaceAll("in \\d+ ms", "in <n> ms")
			.replaceAll("\"path\": \"[^\"]*\"", "\"path\": <path>")
			.replaceAll("\"checksum\": \"[0-9a-f]+\"", "\"checksum\": <sha>");
	}

	private static String get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return response.body();
	}

	/**
	 * Lays out compact JSON two spaces an indent, {@code "key": value}, empty arrays and objects
	 * inline, as the docs show it.
	 */
	static final class JsonLayout {

		private JsonLayout() {
		}

		static String pretty(String json) {
			StringBuilder out = new StringBuilder();
			int depth = 0;
			boolean inString = false;
			for (int i = 0; i < json.length(); i++) {
				char c = json.charAt(i);
				if (inString) {
					out.append(c);
					if (c == '\\') {
						out.append(json.charAt(++i));
					}
					else if (c == '"') {
						inString = false;
					}
					continue;
				}
				switch (c) {
					case '"' -> {
						inString = true;
						out.append(c);
					}
					case '{', '[' -> {
						char close = (c == '{') ? '}' : ']';
						if (i + 1 < json.length() && json.charAt(i + 1) == close) {
							out.append(c).append(close);
							i++;
						}
						else {
							out.append(c).append('\n').append("  ".repeat(++depth));
						}
					}
					case '}', ']' -> out.append('\n').append("  ".repeat(--depth)).append(c);
					case ',' -> out.append(",\n").append("  ".repeat(depth));
					case ':' -> out.append(": ");
					default -> {
						if (!Character.isWhitespace(c)) {
							out.append(c);
						}
					}
				}
			}
			return out.append('\n').toString();
		}

	}

}
