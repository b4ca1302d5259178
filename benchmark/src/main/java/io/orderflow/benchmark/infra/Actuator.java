package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apps' actuator endpoints, over HTTP: whether an app is up, and its metrics.
 */
final class Actuator {

	private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.eE+]+)");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/** Whether the app's health endpoint answers UP. */
	boolean isUp(ServiceApp app) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(app.managementUri("/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && UP.matcher(response.body()).find();
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A counter or gauge of the app's {@code /actuator/metrics}, or NaN if absent. */
	double metric(ServiceApp app, String name) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(app.managementUri("/actuator/metrics/" + name))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher matcher = VALUE.matcher(response.body());
			return (response.statusCode() == 200 && matcher.find()) ? Double.parseDouble(matcher.group(1)) : Double.NaN;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

}
