package io.orderflow.benchmark.report;

import java.util.Locale;

import io.orderflow.benchmark.Settings;

/**
 * What runs, and how it is measured: the set-up common to every section, and the settings
 * of this invocation.
 */
final class MethodSection {

	private final Settings settings;

	private final Report.Facts facts;

	MethodSection(Settings settings, Report.Facts facts) {
		this.settings = settings;
		this.facts = facts;
	}

	void appendTo(StringBuilder md) {
		md.append("## What runs, and how it is measured\n\n");
		md.append("- Everything runs on this one machine: PostgreSQL, RabbitMQ, Redis, both apps, the HTTP load "
				+ "generator and the baselines (inside the benchmark's JVM). The figures are what a 2-core box does "
				+ "with all of it, not what each part does alone.\n");
		md.append("- Each run starts both apps from their jars with the JVM options `bin/start` gives them "
				+ "(`java @bin/jvm.options -jar`, listed below) and the service's default settings, on free "
				+ "ports, against a fresh database `orderflow_bench` (schema by the service's own Flyway "
				+ "migrations) and the topology prefix `bench.`; it stops them and deletes the `bench.` queues and "
				+ "exchanges at the end. Each "
				+ "baseline has its own fresh database, its orders in a table of its own (`baseline_orders`: the "
				+ "columns of the service's `orders` that a timer deals with, and the service's indexes on them); "
				+ "the Redis baselines' keys start with `bench:` and are deleted at the end.\n");
		md.append("- Every baseline cancels with the service's guard: `UPDATE baseline_orders SET "
				+ "status='CANCELLED', cancel_reason='PAYMENT_TIMEOUT', cancelled_at=now() WHERE order_no=? AND "
				+ "status='PENDING_PAYMENT' AND payment_deadline <= now()` (the pollers: the same guard on up to "
				+ "1,000 rows per statement, `FOR UPDATE SKIP LOCKED`). Baselines insert their orders directly and "
				+ "write no event; the service also stores an `order.cancelled` event in the same transaction and "
				+ "publishes it (with publisher confirms) afterwards.\n");
		md.append("- Lateness and storm times are read from the databases: `cancelled_at - payment_deadline` "
				+ "(`cancelled_at` is set by the cancelling transaction, which commits right after), and for the "
				+ "service `outbox_message.published_at` of the `order.cancelled` events.\n");
		md.append("\n| Setting | Value |\n| --- | --- |\n");
		Figures.row(md, "Runs", String.valueOf(this.settings.runs()));
		Figures.row(md, "JVM options of both apps (`bin/jvm.options`)",
				"`" + String.join(" ", this.facts.appJvmOptions()) + "`");
		Figures.row(md, "HTTP clients / JDBC clients", this.settings.clients() + " / " + this.settings.clients());
		Figures.row(md, "Create throughput",
				this.settings.warmUp().toSeconds() + " s warm-up, then "
						+ this.settings.throughputDuration().toSeconds() + " s measured; at the end of the run, "
						+ this.settings.profileDuration().toSeconds() + " s more with order-api under JFR");
		Figures.row(md, "Database ceiling", this.settings.ceilingDuration().toSeconds() + " s replay");
		Figures.row(md, "Burst",
				String.format(Locale.ROOT, "%,d orders, payment timeouts %d-%d s", this.settings.burstSize(),
						this.settings.burstTimeoutFrom().toSeconds(), this.settings.burstTimeoutTo().toSeconds()));
		Figures.row(md, "Pending orders per design", String.format(Locale.ROOT, "at least %,d, %.0f%% due in the run",
				this.settings.pendingTarget(), this.settings.dueFraction() * 100));
		Figures.row(md, "Expiry storm",
				String.format(Locale.ROOT, "%,d orders due in the same second", this.settings.stormSize()));
		Figures.row(md, "Broker dead-letter measurement",
				String.format(Locale.ROOT, "%,d messages expiring at once", this.settings.deadLetterMessages()));
		Figures.row(md, "Consumer down",
				String.format(Locale.ROOT, "%,d timers per design due during a %d-s stop, %d s to fire after it",
						this.settings.outageTimers(), this.settings.consumerDowntime().toSeconds(),
						this.settings.outageObservation().toSeconds()));
		md.append('\n');
	}

}
