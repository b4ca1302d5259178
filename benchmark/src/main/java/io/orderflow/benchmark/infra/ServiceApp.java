package io.orderflow.benchmark.infra;

import java.net.URI;
import java.time.Duration;

/**
 * One of the service's apps, started by {@link ServiceApps} as a child process.
 */
public final class ServiceApp {

	private final Process process;

	private final int port;

	private final int managementPort;

	private Duration startup = Duration.ZERO;

	ServiceApp(Process process, int port, int managementPort) {
		this.process = process;
		this.port = port;
		this.managementPort = managementPort;
	}

	Process process() {
		return this.process;
	}

	public long pid() {
		return this.process.pid();
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * The actuator's port: order-api's management port, the consumer's server port.
	 */
	URI managementUri(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

	/** Process start until the health endpoint first answered UP. */
	public Duration startup() {
		return this.startup;
	}

	void startedAfter(Duration startup) {
		this.startup = startup;
	}

	public long rssKb() {
		return Machine.rssKb(this.process.pid());
	}

}
