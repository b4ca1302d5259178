package io.orderflow.api.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.orderflow.api.web.CurrencyCode;
import io.orderflow.api.web.Printable;
import io.orderflow.payment.PaymentNotification;

/**
 * Body of {@code POST /api/payments/callbacks}.
 */
@Schema(name = "PaymentCallback", description = "What the gateway reports: a payment for an order succeeded or failed")
record PaymentCallbackRequest(@NotBlank @Size(max = 255) @Printable @Schema(example = "evt_1") String eventId,
		@NotNull @Pattern(regexp = "payment\\.(succeeded|failed)") @Schema(example = "payment.succeeded") String type,
		@NotBlank @Size(max = 32) @Printable String orderNo,
		@NotBlank @Size(max = 255) @Printable @Schema(example = "txn_1") String transactionId,
		@NotNull @DecimalMin("0.00") @Digits(integer = 17, fraction = 2) @Schema(type = "string",
				example = "39.80") BigDecimal amount,
		@NotNull @CurrencyCode @Schema(example = "CNY") String currency, @NotNull Instant occurredAt) {

	PaymentNotification toNotification() {
		PaymentNotification.Type kind = this.type.equals("payment.succeeded") ? PaymentNotification.Type.SUCCEEDED
				: PaymentNotification.Type.FAILED;
		return new PaymentNotification(this.eventId, kind, this.orderNo, this.transactionId, this.amount,
				Currency.getInstance(this.currency), this.occurredAt);
	}

}
