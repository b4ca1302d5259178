package io.orderflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The series that the alert rules ({@code docs/operations/alerts.yml}) and the dashboard
 * ({@code docs/operations/dashboard.json}) query, held against what an app really exposes
 * on {@code /actuator/prometheus}: a renamed metric then breaks the build instead of an
 * alert that silently never fires.
 *
 * <p>
 * A selector that names an application ({@code application="order-api"}) must be exposed
 * by that app; any other by every app. Series that Prometheus makes itself ({@code up},
 * {@code scrape_*}) are not the apps' business.
 */
public final class MonitoredSeries {

	public static final Path ALERTS = Path.of("../docs/operations/alerts.yml");

	public static final Path DASHBOARD = Path.of("../docs/operations/dashboard.json");

	/** Keywords followed by a list of label names, not of series. */
	private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	/** Operators, and aggregations (which may come before their "by" clause). */
	private static final Set<String> OPERATORS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "sum",
			"min", "max", "avg", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values");

	private static final Pattern APPLICATION = Pattern.compile("application\\s*=\\s*\"([^\"]*)\"");

	private MonitoredSeries() {
	}

	/** A series a query reads, and the app it names, if any. */
	public record Selector(String metric, @Nullable String application, String source) {

		boolean concerns(String app) {
			return this.application == null || this.application.equals(app);
		}

	}

	/**
	 * The selectors of the alert rules and the dashboard that {@code application} must
	 * expose but {@code scrape} (its {@code /actuator/prometheus} text) does not.
	 */
	public static List<Selector> missingFrom(String application, String scrape) {
		Set<String> exposed = exposedIn(scrape);
		return all().stream()
			.filter((selector) -> selector.concerns(application))
			.filter((selector) -> !exposed.contains(selector.metric()))
			.toList();
	}

	/** Every selector of the alert rules and of the dashboard. */
	public static List<Selector> all() {
		List<Selector> selectors = new ArrayList<>();
		for (JsonNode rule : new YAMLMapper().readTree(read(ALERTS)).at("/groups/0/rules")) {
			selectors.addAll(selectorsIn(rule.path("expr").asString(), "alert " + rule.path("alert").asString()));
		}
		if (Files.exists(DASHBOARD)) {
			for (JsonNode expr : JsonMapper.shared().readTree(read(DASHBOARD)).findValues("expr")) {
				selectors.addAll(selectorsIn(expr.asString(), "dashboard"));
			}
		}
		return selectors;
	}

	/** The names of the samples in a Prometheus text exposition. */
	public static Set<String> exposedIn(String scrape) {
		Set<String> names = new LinkedHashSet<>();
		for (String line : scrape.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		return names;
	}

	/**
	 * The value of one sample of a scrape, such as {@code name{label="x"}}; 0 if absent.
	 */
	public static double value(String scrape, String sample) {
		return scrape.lines()
			.filter((line) -> line.startsWith(sample + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(sample.length() + 1)))
			.findFirst()
			.orElse(0);
	}

	/**
	 * The series a PromQL expression reads: identifiers that are neither functions
	 * (followed by a parenthesis), nor keywords, nor label names (inside braces or after
	 * {@code by}), nor part of a number, duration or string.
	 */
	static List<Selector> selectorsIn(String promql, String source) {
		List<Selector> selectors = new ArrayList<>();
		int i = 0;
		while (i < promql.length()) {
			char c = promql.charAt(i);
			if (c == '"' || c == '\'') {
				i = closing(promql, c, i + 1, source) + 1;
			}
			else if (c == '[') {
				i = closing(promql, ']', i, source) + 1;
			}
			else if (Character.isDigit(c) || c == '.') {
				while (i < promql.length()
						&& (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '.')) {
					i++;
				}
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int start = i;
				while (i < promql.length()
						&& (Character.isLetterOrDigit(promql.charAt(i)) || "_:".indexOf(promql.charAt(i)) >= 0)) {
					i++;
				}
				String word = promql.substring(start, i);
				int next = skipBlanks(promql, i);
				char following = (next < promql.length()) ? promql.charAt(next) : ' ';
				if (LABEL_LIST_KEYWORDS.contains(word)) {
					i = closing(promql, ')', next, source) + 1;
				}
				else if (following == '{') {
					int end = closing(promql, '}', next, source);
					Matcher application = APPLICATION.matcher(promql.substring(next, end));
					selectors.add(new Selector(word, application.find() ? application.group(1) : null, source));
					i = end + 1;
				}
				else if (following != '(' && !OPERATORS.contains(word.toLowerCase())) {
					selectors.add(new Selector(word, null, source));
				}
			}
			else if (c == '{') {
				i = closing(promql, '}', i, source) + 1;
			}
			else {
				i++;
			}
		}
		return selectors.stream().filter((selector) -> !isPrometheusOwn(selector.metric())).toList();
	}

	/** Where the {@code c} that closes what opened before {@code from} is. */
	private static int closing(String promql, char c, int from, String source) {
		int at = promql.indexOf(c, from);
		if (at < 0) {
			throw new IllegalArgumentException("no closing " + c + " in the expression of " + source + ": " + promql);
		}
		return at;
	}

	private static boolean isPrometheusOwn(String metric) {
		return metric.equals("up") || metric.startsWith("scrape_");
	}

	private static int skipBlanks(String text, int from) {
		int i = from;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
