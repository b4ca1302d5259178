package io.orderflow.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.orderflow.payment.PaymentNotification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The delivery address: kept with the order, shown to whoever may read the order, carried
 * in order.paid for the warehouse, never logged, and erased on the customer's request
 * with the orders kept.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryAddressIntegrationTests extends OrderApiIntegrationTest {

	private static final String RECIPIENT = "李雷 Müller-Łukasiewicz";

	private static final String PHONE = "+86 138 0013 8000";

	private static final String STREET = "科技园南区 1 号楼 8 层";

	private static final String ADDRESSED_ORDER = """
			{"customerId": "%s", "currency": "CNY",
			 "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.90"}], "paymentTimeout": "PT30M",
			 "deliveryAddress": {"recipientName": "%s", "phone": "%s", "country": "CN", "region": "广东省",
			                     "city": "深圳市", "district": "南山区", "lines": ["%s", "Room 801"],
			                     "postalCode": "518057"}}""";

	private final String customerId = newCustomer();

	private final Client owner = customer(this.customerId);

	@Test
	void anOrderKeepsItsAddressForItsOwnerAndSupport() {
		Response placed = place();

		Response read = this.owner.get("/api/orders/" + placed.text("orderNo"));

		assertThat(placed.status()).isEqualTo(201);
		for (Response response : new Response[] { placed, read,
				this.support.get("/api/orders/" + placed.text("orderNo")) }) {
			assertThat(response.body().at("/deliveryAddress/recipientName").asString()).isEqualTo(RECIPIENT);
			assertThat(response.body().at("/deliveryAddress/phone").asString()).isEqualTo(PHONE);
			assertThat(response.body().at("/deliveryAddress/lines/0").asString()).isEqualTo(STREET);
			assertThat(response.body().at("/deliveryAddress/lines/1").asString()).isEqualTo("Room 801");
			assertThat(response.body().at("/deliveryAddress/postalCode").asString()).isEqualTo("518057");
		}
	}

	@Test
	void orderPaidCarriesTheAddressToTheWarehouse() {
		String orderNo = pay(place().text("orderNo"));

		assertThat(paidEventField(orderNo, "recipientName")).isEqualTo(RECIPIENT);
		assertThat(paidEventField(orderNo, "city")).isEqualTo("深圳市");
	}

	@Test
	void theAddressNeverReachesTheLogs(CapturedOutput output) {
		String orderNo = pay(place().text("orderNo"));
		this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT);
		erase(this.support);

		assertThat(output.getAll()).contains(orderNo).doesNotContain(RECIPIENT, PHONE, STREET);
	}

	@Test
	void supportErasesACustomersAddressesAndTheOrdersStay() {
		Response placed = this.checkout.post("/api/orders", addressedOrder(), "Idempotency-Key",
				"erase-" + this.customerId);
		String orderNo = pay(placed.text("orderNo"));

		Response erased = erase(this.support);

		assertThat(erased.status()).isEqualTo(200);
		assertThat(erased.body().path("orderNos").values()).extracting((node) -> node.asString())
			.containsExactly(orderNo);
		Response read = this.owner.get("/api/orders/" + orderNo);
		assertThat(read.body().path("deliveryAddress").isNull()).isTrue();
		assertThat(read.text("deliveryAddressErasedAt")).isNotEmpty();
		assertThat(read.text("status")).isEqualTo("PAID");
		assertThat(eventFieldType("order.paid", orderNo, "deliveryAddress")).isEqualTo("null");
		Response replayed = this.checkout.post("/api/orders", addressedOrder(), "Idempotency-Key",
				"erase-" + this.customerId);
		assertThat(replayed.replayed()).isTrue();
		assertThat(replayed.body().path("deliveryAddress").isNull()).isTrue();
		assertThat(erase(this.support).body().path("orderNos").isEmpty()).as("nothing left to erase").isTrue();
	}

	@Test
	void aCustomerWhoseIdHoldsPathCharactersCanBeErasedToo() {
		String customerId = "c/%;\\" + this.customerId;
		String orderNo = this.checkout
			.post("/api/orders", ADDRESSED_ORDER.formatted(customerId.replace("\\", "\\\\"), RECIPIENT, PHONE, STREET))
			.text("orderNo");

		Response erased = this.support.post("/api/delivery-address-erasures",
				"{\"customerId\": \"" + customerId.replace("\\", "\\\\") + "\"}");

		assertThat(erased.status()).isEqualTo(200);
		assertThat(erased.body().path("orderNos").values()).extracting((node) -> node.asString())
			.containsExactly(orderNo);
	}

	@Test
	void aRowThePostgresRefusesIsNotCopiedIntoTheError() {
		String orderNo = place().text("orderNo");

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.sql("UPDATE orders SET total_amount = -1 WHERE order_no = :orderNo")
				.param("orderNo", orderNo)
				.update())
			.satisfies((ex) -> assertThat(stackTraceOf(ex)).contains("orders_total_amount_check")
				.doesNotContain(RECIPIENT, PHONE, STREET));
	}

	@Test
	void onlySupportMayEraseAddresses() {
		place();

		assertThat(erase(this.owner).status()).isEqualTo(403);
		assertThat(erase(this.anonymous).status()).isEqualTo(401);
	}

	private static String stackTraceOf(Throwable ex) {
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	private Response erase(Client client) {
		return client.post("/api/delivery-address-erasures", "{\"customerId\": \"" + this.customerId + "\"}");
	}

	private Response place() {
		return this.checkout.post("/api/orders", addressedOrder());
	}

	private String addressedOrder() {
		return ADDRESSED_ORDER.formatted(this.customerId, RECIPIENT, PHONE, STREET);
	}

	private String pay(String orderNo) {
		this.payments.apply(new PaymentNotification("evt-" + orderNo, PaymentNotification.Type.SUCCEEDED, orderNo,
				"txn-" + orderNo, new BigDecimal("39.80"), Currency.getInstance("CNY"), Instant.now()), "{}");
		return orderNo;
	}

	private String paidEventField(String orderNo, String field) {
		return this.jdbc.sql("""
				SELECT payload::jsonb -> 'deliveryAddress' ->> :field
				FROM outbox_message
				WHERE destination = 'order.paid'
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("field", field)
			.param("orderNo", orderNo)
			.query((rs, rowNum) -> rs.getString(1))
			.single();
	}

}
