package io.orderflow.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.orderflow.messaging.Topology;

import static org.assertj.core.api.Assertions.assertThat;

class FulfilmentIntegrationTests extends OrderApiIntegrationTest {

	private final String customerId = newCustomer();

	/** The customer whose orders these tests place. */
	private final Client owner = customer(this.customerId);

	@Test
	void shipsAPaidOrderAndSchedulesItsAutoCompletion() {
		String orderNo = paidOrderOf(this.customerId);

		Response shipped = this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT);

		assertThat(shipped.status()).isEqualTo(200);
		assertThat(shipped.text("status")).isEqualTo("SHIPPED");
		assertThat(shipped.body().path("shipment").path("carrier").asString()).isEqualTo("SF Express");
		assertThat(shipped.body().path("shipment").path("trackingNo").asString()).isEqualTo("SF1234567890");
		Instant shippedAt = Instant.parse(shipped.body().path("shipment").path("shippedAt").asString());
		assertThat(Instant.parse(shipped.body().path("shipment").path("autoCompleteAt").asString()))
			.isEqualTo(shippedAt.plus(Duration.ofDays(7)));
		assertThat(outboxMessages("order.shipped", orderNo)).isOne();
		assertThat(outboxMessages(Topology.AUTO_COMPLETION, orderNo)).isOne();
	}

	@Test
	void takesTheAutoCompletionDelayFromTheShipment() {
		String orderNo = paidOrderOf(this.customerId);

		Response shipped = this.warehouse.post("/api/orders/" + orderNo + "/shipment",
				"{\"carrier\": \"SF\", \"trackingNo\": \"T1\", \"autoCompleteAfter\": \"P14D\"}");

		assertThat(Duration.between(Instant.parse(shipped.body().path("shipment").path("shippedAt").asString()),
				Instant.parse(shipped.body().path("shipment").path("autoCompleteAt").asString())))
			.isEqualTo(Duration.ofDays(14));
	}

	@Test
	void theCustomerConfirmsReceiptOfAShippedOrder() {
		String orderNo = paidOrderOf(this.customerId);
		this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT);

		Response completed = this.owner.post("/api/orders/" + orderNo + "/receipt", "");

		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.text("status")).isEqualTo("COMPLETED");
		assertThat(completed.text("completedBy")).isEqualTo("CUSTOMER");
		assertThat(Instant.parse(completed.text("completedAt"))).isNotNull();
		assertThat(outboxMessages("order.completed", orderNo)).isOne();
	}

	@Test
	void refusesTransitionsTheStateMachineDoesNotAllowNamingTheCurrentStatus() {
		String pending = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");
		String paid = paidOrderOf(this.customerId);
		String completed = paidOrderOf(this.customerId);
		this.warehouse.post("/api/orders/" + completed + "/shipment", SHIPMENT);
		this.owner.post("/api/orders/" + completed + "/receipt", "");

		assertConflict(this.warehouse.post("/api/orders/" + pending + "/shipment", SHIPMENT), "PENDING_PAYMENT");
		assertConflict(this.owner.post("/api/orders/" + pending + "/receipt", ""), "PENDING_PAYMENT");
		assertConflict(this.owner.post("/api/orders/" + paid + "/receipt", ""), "PAID");
		assertConflict(this.support.post("/api/orders/" + completed + "/cancellation", ""), "COMPLETED");
		assertConflict(this.warehouse.post("/api/orders/" + completed + "/shipment", SHIPMENT), "COMPLETED");
		assertConflict(this.owner.post("/api/orders/" + completed + "/receipt", ""), "COMPLETED");
	}

	@Test
	void shippingAnUnknownOrderIsNotFound() {
		assertThat(this.warehouse.post("/api/orders/NOSUCHORDER/shipment", SHIPMENT).status()).isEqualTo(404);
		assertThat(this.owner.post("/api/orders/NOSUCHORDER/receipt", "").status()).isEqualTo(404);
	}

	@Test
	void refusesAnInvalidShipment() {
		String orderNo = paidOrderOf(this.customerId);

		Response blank = this.warehouse.post("/api/orders/" + orderNo + "/shipment",
				"{\"carrier\": \" \", \"trackingNo\": \"T\"}");
		Response tooLong = this.warehouse.post("/api/orders/" + orderNo + "/shipment",
				"{\"carrier\": \"SF\", \"trackingNo\": \"T\", \"autoCompleteAfter\": \"P365D\"}");

		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.body().path("errors").get(0).path("field").asString()).isEqualTo("carrier");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body().path("errors").get(0).path("field").asString()).isEqualTo("autoCompleteAfter");
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PAID");
	}

	private void assertConflict(Response response, String currentStatus) {
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.text("detail")).contains("is " + currentStatus);
	}

}
