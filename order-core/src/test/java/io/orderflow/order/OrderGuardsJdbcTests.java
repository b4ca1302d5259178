package io.orderflow.order;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.jdbc.Timestamps;
import io.orderflow.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each guarded update of {@link Orders} on real PostgreSQL, from every status: it changes
 * exactly the orders whose status its {@link OrderTransition} starts from, and no other.
 * Every test runs in a transaction that is rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import({ Orders.class, OrderLines.class })
class OrderGuardsJdbcTests extends IntegrationTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@Autowired
	Orders orders;

	@Autowired
	JdbcClient jdbc;

	static Stream<Arguments> everyStatementFromEveryStatus() {
		return Arrays.stream(Statement.values())
			.flatMap((statement) -> Arrays.stream(OrderStatus.values()).map((status) -> arguments(statement, status)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("everyStatementFromEveryStatus")
	void changesExactlyTheOrdersItsTransitionStartsFrom(Statement statement, OrderStatus status) {
		String orderNo = storedOrder(status);

		boolean changed = statement.run(this.orders, orderNo);

		boolean allowed = statement.transition.from().contains(status);
		assertThat(changed).as("changed").isEqualTo(allowed);
		assertThat(statusOf(orderNo)).isEqualTo(allowed ? statement.transition.to() : status);
		assertThat(versionOf(orderNo)).as("version").isEqualTo(allowed ? Order.FIRST_VERSION + 1 : Order.FIRST_VERSION);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Statement.class,
			names = { "CANCEL_AT_CUSTOMER_REQUEST", "SHIP", "COMPLETE_AT_CUSTOMER_REQUEST" })
	void aVersionedStatementChangesNothingWhenTheOrderIsAtAnotherVersion(Statement statement) {
		String orderNo = storedOrder(statement.transition.from().iterator().next());
		ExpectedVersion stale = ExpectedVersion.oneOf(Set.of(Order.FIRST_VERSION + 1));

		assertThat(statement.run(this.orders, orderNo, stale)).as("changed").isFalse();
		assertThat(versionOf(orderNo)).isEqualTo(Order.FIRST_VERSION);
		assertThat(statement.run(this.orders, orderNo, ExpectedVersion.oneOf(Set.of(Order.FIRST_VERSION))))
			.as("changed at the version it is at")
			.isTrue();
	}

	@Test
	void aPaymentTimeoutWaitsForTheDeadlineByTheDatabasesClockWhateverTheCallersClockSays() {
		String dueInAnHour = storedOrder(OrderStatus.PENDING_PAYMENT, Duration.ofHours(1));
		String overdue = storedOrder(OrderStatus.PENDING_PAYMENT);

		List<Order> cancelled = this.orders.cancelOverdue(List.of(dueInAnHour, overdue), NOW.plus(Duration.ofHours(2)));
		List<Order> swept = this.orders.cancelOverdueBatch(NOW.plus(Duration.ofHours(2)), 1000,
				NOW.plus(Duration.ofHours(2)));

		assertThat(cancelled).extracting(Order::orderNo).containsExactly(overdue);
		assertThat(swept).extracting(Order::orderNo).doesNotContain(dueInAnHour);
		assertThat(statusOf(dueInAnHour)).isEqualTo(OrderStatus.PENDING_PAYMENT);
	}

	@Test
	void aPaymentTimeoutIsNeverRecordedBeforeTheDeadlineWhenTheCallersClockIsBehind() {
		String overdue = storedOrder(OrderStatus.PENDING_PAYMENT);
		Instant deadline = this.orders.findByOrderNo(overdue).orElseThrow().paymentDeadline();

		List<Order> cancelled = this.orders.cancelOverdue(List.of(overdue), NOW.minus(Duration.ofHours(2)));

		assertThat(cancelled).extracting(Order::orderNo).containsExactly(overdue);
		assertThat(cancelled.get(0).cancelledAt()).isAfterOrEqualTo(deadline);
	}

	@Test
	void aReminderIsStampedOnceAndOnlyForAnUnpaidOrderBeforeItsDeadline() {
		String due = storedOrder(OrderStatus.PENDING_PAYMENT, Duration.ofMinutes(5));
		String overdue = storedOrder(OrderStatus.PENDING_PAYMENT);
		String paid = storedOrder(OrderStatus.PAID, Duration.ofMinutes(5));

		List<Order> reminded = this.orders.remindOfPayment(List.of(due, overdue, paid), NOW);
		List<Order> remindedAgain = this.orders.remindOfPayment(List.of(due), NOW.plusSeconds(1));

		assertThat(reminded).extracting(Order::orderNo).containsExactly(due);
		assertThat(reminded.get(0).paymentReminderSentAt()).isEqualTo(NOW);
		assertThat(reminded.get(0).version()).isEqualTo(Order.FIRST_VERSION + 1);
		assertThat(remindedAgain).isEmpty();
	}

	@Test
	void erasingAddressesRemovesEveryAddressOfTheCustomerAndKeepsTheOrders() {
		String withAddress = storedOrder(OrderStatus.COMPLETED);
		this.jdbc.sql("""
				UPDATE orders
				SET delivery_recipient = 'Li Lei', delivery_phone = '+86 138', delivery_country = 'CN',
				    delivery_city = 'Shenzhen', delivery_lines = 'Road 1'
				WHERE order_no = :orderNo""").param("orderNo", withAddress).update();
		String without = storedOrder(OrderStatus.PAID);

		List<String> erased = this.orders.eraseDeliveryAddresses("c-guards", NOW);

		assertThat(erased).contains(withAddress).doesNotContain(without);
		Order order = this.orders.findByOrderNo(withAddress).orElseThrow();
		assertThat(order.deliveryAddress()).isNull();
		assertThat(order.deliveryAddressErasedAt()).isEqualTo(NOW);
		assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(order.version()).isEqualTo(Order.FIRST_VERSION + 1);
		assertThat(this.orders.eraseDeliveryAddresses("c-guards", NOW)).isEmpty();
	}

	@Test
	void anOrderOutsideTheCallersAccessIsNotChanged() {
		String orderNo = storedOrder(OrderStatus.PENDING_PAYMENT);

		Optional<Order> cancelled = this.orders.cancelAtCustomerRequest(orderNo, OrderAccess.ownedBy("someone-else"),
				ExpectedVersion.ANY, NOW);

		assertThat(cancelled).isEmpty();
		assertThat(this.orders.findByOrderNo(orderNo, OrderAccess.ownedBy("someone-else"))).isEmpty();
		assertThat(this.orders.findByOrderNo(orderNo, OrderAccess.ownedBy("c-guards"))).isPresent();
		assertThat(statusOf(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);
	}

	/** An order in {@code status}, overdue for payment and for auto-completion. */
	private String storedOrder(OrderStatus status) {
		return storedOrder(status, Duration.ofHours(-1));
	}

	/** An order in {@code status}, due for payment {@code deadline} from now. */
	private String storedOrder(OrderStatus status, Duration deadline) {
		String orderNo = "G" + UUID.randomUUID().toString().replace("-", "").substring(0, 25).toUpperCase();
		boolean paid = status == OrderStatus.PAID || status == OrderStatus.SHIPPED || status == OrderStatus.COMPLETED;
		boolean shipped = status == OrderStatus.SHIPPED || status == OrderStatus.COMPLETED;
		boolean completed = status == OrderStatus.COMPLETED;
		boolean cancelled = status == OrderStatus.CANCELLED;
		this.jdbc.sql("""
				INSERT INTO orders (order_no, customer_id, status, cancel_reason, currency, total_amount, created_at,
				                    payment_deadline, paid_at, cancelled_at, carrier, tracking_no, shipped_at,
				                    auto_complete_at, completed_at, completed_by)
				VALUES (:orderNo, 'c-guards', :status, :cancelReason, 'CNY', :total, :createdAt, :deadline, :paidAt,
				        :cancelledAt, :carrier, :carrier, :shippedAt, :autoCompleteAt, :completedAt, :completedBy)""")
			.param("orderNo", orderNo)
			.param("status", status.name())
			.param("cancelReason", textIf(cancelled, "CUSTOMER_REQUEST"))
			.param("total", new BigDecimal("1.00"))
			.param("createdAt", at(Duration.ofHours(-2)))
			.param("deadline", at(deadline))
			.param("paidAt", timestampIf(paid, Duration.ofMinutes(-90)))
			.param("cancelledAt", timestampIf(cancelled, Duration.ofMinutes(-30)))
			.param("carrier", textIf(shipped, "SF"))
			.param("shippedAt", timestampIf(shipped, Duration.ofMinutes(-80)))
			.param("autoCompleteAt", timestampIf(shipped, Duration.ofMinutes(-10)))
			.param("completedAt", timestampIf(completed, Duration.ofMinutes(-5)))
			.param("completedBy", textIf(completed, "CUSTOMER"))
			.update();
		return orderNo;
	}

	private OrderStatus statusOf(String orderNo) {
		return OrderStatus.valueOf(this.jdbc.sql("SELECT status FROM orders WHERE order_no = :orderNo")
			.param("orderNo", orderNo)
			.query(String.class)
			.single());
	}

	private long versionOf(String orderNo) {
		return this.jdbc.sql("SELECT version FROM orders WHERE order_no = :orderNo")
			.param("orderNo", orderNo)
			.query(Long.class)
			.single();
	}

	private static Object at(Duration fromNow) {
		return Timestamps.utc(NOW.plus(fromNow));
	}

	/** A column the order's status fills, or SQL NULL. */
	private static SqlParameterValue timestampIf(boolean present, Duration fromNow) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, present ? at(fromNow) : null);
	}

	private static SqlParameterValue textIf(boolean present, String text) {
		return new SqlParameterValue(Types.VARCHAR, present ? text : null);
	}

	/** The slice's configuration: order-core has no application class. */
	@SpringBootConfiguration
	static class JdbcSlice {

	}

	/** Every guarded update of {@link Orders}, with the transition it runs. */
	enum Statement {

		MARK_PAID(OrderTransition.PAY, (orders, orderNo, version) -> orders.markPaid(orderNo, NOW)),

		CANCEL_AT_CUSTOMER_REQUEST(OrderTransition.CANCEL_AT_CUSTOMER_REQUEST,
				(orders, orderNo, version) -> orders.cancelAtCustomerRequest(orderNo, OrderAccess.ANY_CUSTOMER, version,
						NOW)),

		CANCEL_OVERDUE(OrderTransition.CANCEL_FOR_PAYMENT_TIMEOUT,
				(orders, orderNo, version) -> orders.cancelOverdue(List.of(orderNo), NOW)),

		CANCEL_OVERDUE_BATCH(OrderTransition.CANCEL_FOR_PAYMENT_TIMEOUT,
				(orders, orderNo, version) -> orders.cancelOverdueBatch(NOW, 1000, NOW)),

		CANCEL_OUT_OF_STOCK(OrderTransition.CANCEL_OUT_OF_STOCK,
				(orders, orderNo, version) -> orders.cancelOutOfStock(orderNo, NOW)),

		SHIP(OrderTransition.SHIP,
				(orders, orderNo, version) -> orders.ship(orderNo, "SF", "SF1", NOW.plus(Duration.ofDays(7)), version,
						NOW)),

		COMPLETE_AT_CUSTOMER_REQUEST(OrderTransition.CONFIRM_RECEIPT,
				(orders, orderNo, version) -> orders.completeAtCustomerRequest(orderNo, OrderAccess.ANY_CUSTOMER,
						version, NOW)),

		COMPLETE_AUTOMATICALLY(OrderTransition.COMPLETE_AUTOMATICALLY,
				(orders, orderNo, version) -> orders.completeAutomatically(List.of(orderNo), NOW)),

		COMPLETE_OVERDUE_BATCH(OrderTransition.COMPLETE_AUTOMATICALLY,
				(orders, orderNo, version) -> orders.completeOverdueBatch(NOW, 1000, NOW));

		final OrderTransition transition;

		/**
		 * Runs the statement, with the version condition where it has one; answers the
		 * changed order(s): an Optional or a List.
		 */
		private final Run statement;

		Statement(OrderTransition transition, Run statement) {
			this.transition = transition;
			this.statement = statement;
		}

		/** Whether the statement changed this order. */
		boolean run(Orders orders, String orderNo) {
			return run(orders, orderNo, ExpectedVersion.ANY);
		}

		/** Whether the statement, given {@code version}, changed this order. */
		boolean run(Orders orders, String orderNo, ExpectedVersion version) {
			Object result = this.statement.apply(orders, orderNo, version);
			Collection<?> changed = (result instanceof Optional<?> one) ? one.stream().toList()
					: (Collection<?>) result;
			return changed.stream().anyMatch((order) -> ((Order) order).orderNo().equals(orderNo));
		}

		@FunctionalInterface
		interface Run {

			Object apply(Orders orders, String orderNo, ExpectedVersion version);

		}

	}

}
