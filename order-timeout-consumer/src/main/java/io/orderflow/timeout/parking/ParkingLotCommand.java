package io.orderflow.timeout.parking;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.orderflow.messaging.Topology;

/**
 * {@code bin/parking-lot list|show|replay|drop [--queue Q] [--id MESSAGE_ID|--all]}: the
 * operator's handle on the parking lots. Started from the consumer's jar with the
 * consumer's configuration (broker address, user,
 * {@code order.messaging.topology-prefix}), but none of its listeners, relays or web
 * server.
 */
@ImportAutoConfiguration(RabbitAutoConfiguration.class)
public final class ParkingLotCommand {

	static final String USAGE = "usage: bin/parking-lot list | show [--queue Q] [--id MESSAGE_ID]"
			+ " | replay|drop [--queue Q] --id MESSAGE_ID|--all";

	public static void main(String[] args) {
		int status;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ParkingLotCommand.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN")
			.run()) {
			CachingConnectionFactory connections = context.getBean(CachingConnectionFactory.class);
			Topology topology = new Topology(
					context.getEnvironment().getProperty("order.messaging.topology-prefix", ""));
			status = run(new ParkingLots(connections.getRabbitConnectionFactory(), topology), System.out, args);
		}
		System.exit(status);
	}

	/**
	 * @return the exit status: 0 done, 1 failed, 2 bad arguments
	 */
	public static int run(ParkingLots lots, PrintStream out, String... args) {
		Arguments arguments;
		try {
			arguments = Arguments.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			out.println(USAGE);
			return 2;
		}
		try {
			return arguments.runOn(lots, out);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			return 2;
		}
		catch (ParkingLots.Interrupted ex) {
			report(ex.done(), "moved", out);
			out.println("Stopped: " + ex.getMessage() + ". The message it was at, and the ones after it, are still "
					+ "parked; nothing was lost.");
			return 1;
		}
		catch (IOException | java.util.concurrent.TimeoutException ex) {
			out.println("Failed: " + describe(ex) + ". Nothing more was moved; what is parked stays parked.");
			return 1;
		}
	}

	/** The client wraps the broker's reason (a missing queue, a refused permission). */
	private static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder(failure.toString());
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			description.append(", caused by ").append(cause);
		}
		return description.toString();
	}

	private static void report(List<ParkedMessage> messages, String verb, PrintStream out) {
		for (ParkedMessage message : messages) {
			out.printf("%s %s (%s), parked from %s (%s, %d time%s, routing keys %s)%n", verb,
					Objects.toString(message.messageId(), "(no message id)"),
					Objects.toString(message.type(), "no type"), Objects.toString(message.deadLetteredFrom(), "?"),
					Objects.toString(message.reason(), "?"), message.deaths(), (message.deaths() == 1) ? "" : "s",
					message.routingKeys());
			if ("shown".equals(verb)) {
				out.println("  " + message.body());
			}
		}
	}

	private record Arguments(String command, @Nullable String queue, @Nullable String id, boolean all) {

		static Arguments parse(String[] args) {
			if (args.length == 0) {
				throw new IllegalArgumentException("No command given.");
			}
			String queue = null;
			String id = null;
			boolean all = false;
			for (int i = 1; i < args.length; i++) {
				switch (args[i]) {
					case "--queue" -> queue = value(args, ++i, "--queue");
					case "--id" -> id = value(args, ++i, "--id");
					case "--all" -> all = true;
					default -> throw new IllegalArgumentException("Unknown argument " + args[i] + ".");
				}
			}
			String command = args[0];
			if (!List.of("list", "show", "replay", "drop").contains(command)) {
				throw new IllegalArgumentException("Unknown command " + command + ".");
			}
			if ((command.equals("replay") || command.equals("drop")) && (id == null) == !all) {
				throw new IllegalArgumentException(command + " needs exactly one of --id MESSAGE_ID and --all.");
			}
			return new Arguments(command, queue, id, all);
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException(option + " needs a value.");
			}
			return args[index];
		}

		int runOn(ParkingLots lots, PrintStream out) throws IOException, java.util.concurrent.TimeoutException {
			if (this.command.equals("list")) {
				Map<String, String> sources = lots.sources();
				lots.depths()
					.forEach((lot, messages) -> out.printf("%-50s %8s  (from %s)%n", lot,
							(messages < 0) ? "missing" : messages, sources.get(lot)));
				return 0;
			}
			Predicate<@Nullable String> selected = (this.id != null) ? this.id::equals : (messageId) -> true;
			List<ParkedMessage> done = new ArrayList<>();
			for (String lot : parkingLots(lots)) {
				List<ParkedMessage> taken = switch (this.command) {
					case "show" -> lots.show(lot, selected);
					case "replay" -> lots.replay(lot, selected);
					default -> lots.drop(lot, selected);
				};
				report(taken, verb(), out);
				done.addAll(taken);
			}
			out.printf("%d message%s %s%n", done.size(), (done.size() == 1) ? "" : "s", verb());
			return (this.id != null && done.isEmpty()) ? 1 : 0;
		}

		private List<String> parkingLots(ParkingLots lots) {
			return (this.queue != null) ? List.of(lots.parkingLot(this.queue)) : List.copyOf(lots.sources().keySet());
		}

		private String verb() {
			return switch (this.command) {
				case "show" -> "shown";
				case "replay" -> "moved back";
				default -> "dropped";
			};
		}

	}

}
