package io.orderflow.api.order;

import java.time.Duration;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.orderflow.api.web.Printable;

/**
 * Body of {@code POST /api/orders/{orderNo}/shipment}.
 */
record ShipmentRequest(@NotBlank @Size(max = 64) @Printable @Schema(example = "SF Express") String carrier,
		@NotBlank @Size(max = 64) @Printable @Schema(example = "SF1234567890") String trackingNo,
		@Schema(type = "string", format = "duration", example = "P7D",
				description = "ISO-8601 duration after which the order completes by itself; the configured default when absent") @Nullable Duration autoCompleteAfter) {
}
