package io.orderflow.benchmark.workload;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.order.NewOrder;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderPlacement;

/**
 * Places orders through the service's own code, {@link OrderPlacement} (what order-api
 * runs behind {@code POST /api/orders}), in the benchmark's JVM and without HTTP: the
 * orders whose creation is not what a workload measures, and the one whose transaction
 * the database's ceiling replays ({@link RecordedTransaction}). Each order is the
 * service's own transaction (the order, its items, its {@code order.created} event and
 * its payment timer in the outbox), so whatever the service's schema and messages become,
 * these orders follow; the benchmark writes none of the service's tables itself.
 *
 * <p>
 * Its Spring context holds only the service's order and outbox beans, on a pool of its
 * own, and starts nothing: no outbox relay, no scheduled job, no listener. The relays of
 * the running apps publish what it writes, as they do for orders placed through the API.
 */
public final class ServicePlacement implements AutoCloseable {

	private static final Currency CURRENCY = Currency.getInstance("CNY");

	/** The items {@link HttpLoad} orders: 44.80 CNY. */
	private static final List<OrderLine> ITEMS = List.of(new OrderLine("SKU-1", 2, new BigDecimal("19.90")),
			new OrderLine("SKU-2", 1, new BigDecimal("5.00")));

	/** The timeout of an order whose planned deadline has passed: due at once. */
	private static final Duration OVERDUE = Duration.ofMillis(1);

	private final AnnotationConfigApplicationContext context;

	private final OrderPlacement placement;

	private final PlanningClock clock;

	private final int threads;

	private final AutoCloseable pool;

	private ServicePlacement(DataSource dataSource, int threads, AutoCloseable pool) {
		this.context = new AnnotationConfigApplicationContext();
		// closed by its owner, after the context
		this.context.registerBean("dataSource", DataSource.class, () -> dataSource,
				(definition) -> definition.setDestroyMethodName(""));
		this.context.register(PlacementConfiguration.class);
		this.context.refresh();
		this.placement = this.context.getBean(OrderPlacement.class);
		this.clock = this.context.getBean(PlanningClock.class);
		this.threads = threads;
		this.pool = pool;
	}

	/**
	 * The service's placement on {@code database}, placing up to {@code threads} orders
	 * at once, each on a connection of its own.
	 */
	public static ServicePlacement on(Postgres postgres, String database, int threads, String poolName) {
		HikariDataSource pool = postgres.pool(database, threads, poolName);
		try {
			return new ServicePlacement(pool, threads, pool);
		}
		catch (RuntimeException ex) {
			pool.close();
			throw ex;
		}
	}

	/** The service's placement on {@code dataSource}, which the caller closes. */
	static ServicePlacement on(DataSource dataSource, int threads) {
		return new ServicePlacement(dataSource, threads, () -> {
		});
	}

	/**
	 * Places one order per spec, {@code threads} at a time, each in its own transaction.
	 */
	public void placeAll(List<OrderSpec> specs) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < Math.min(this.threads, specs.size()); i++) {
			Thread worker = new Thread(() -> {
				int index;
				while (failure.get() == null && (index = next.getAndIncrement()) < specs.size()) {
					try {
						place(specs.get(index));
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
					}
				}
			}, "service-placement-" + i);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("placing orders through the service failed", failure.get());
		}
	}

	/**
	 * Places the order of {@code spec} now. The service takes a payment timeout, not a
	 * deadline: a fixed deadline becomes the timeout from the millisecond the service is
	 * told it is ({@link PlanningClock}), so that it computes that very deadline.
	 */
	Order place(OrderSpec spec) {
		Instant now = PlanningClock.millisNow();
		Duration timeout = Duration.between(now, spec.deadlineFrom(now));
		this.clock.plan(now);
		try {
			return this.placement.place(new NewOrder(spec.customerId(), CURRENCY, ITEMS,
					(timeout.compareTo(OVERDUE) < 0) ? OVERDUE : timeout));
		}
		finally {
			this.clock.unplan();
		}
	}

	/** Closes the context, then the pool if it is this placement's own. */
	@Override
	public void close() throws Exception {
		try {
			this.context.close();
		}
		finally {
			this.pool.close();
		}
	}

}
