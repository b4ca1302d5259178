package io.orderflow.api.order;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.orderflow.api.web.CountryCode;
import io.orderflow.api.web.Printable;
import io.orderflow.order.DeliveryAddress;

/**
 * A delivery address as the API takes and shows it. Names may be in any script; control
 * characters are refused. Personal data: {@link #toString()} hides it.
 */
@Schema(name = "DeliveryAddress",
		description = "Where the order goes. Shown to the order's owner, the warehouse and support only; "
				+ "erased on the customer's request.")
record DeliveryAddressBody(@NotBlank @Size(max = 100) @Printable @Schema(example = "李雷") String recipientName,
		@NotBlank @Pattern(regexp = "\\+?[0-9][0-9 ()-]{2,30}",
				message = "must be a phone number: digits, spaces, '(', ')', '-' and an optional leading '+'") @Size(
						max = 32) @Schema(example = "+86 138 0013 8000") String phone,
		@NotNull @CountryCode @Schema(example = "CN", description = "ISO 3166-1 alpha-2 code") String country,
		@Size(max = 100) @Printable @Schema(example = "广东省") @Nullable String region,
		@NotBlank @Size(max = 100) @Printable @Schema(example = "深圳市") String city,
		@Size(max = 100) @Printable @Schema(example = "南山区") @Nullable String district,
		@NotNull @Size(min = 1, max = 3) List<@NotBlank @Size(max = 200) @Printable String> lines,
		@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]{0,15}",
				message = "must be 1-16 letters, digits, spaces or '-'") @Schema(
						example = "518057") @Nullable String postalCode) {

	static @Nullable DeliveryAddressBody of(@Nullable DeliveryAddress address) {
		if (address == null) {
			return null;
		}
		return new DeliveryAddressBody(address.recipientName(), address.phone(), address.country(), address.region(),
				address.city(), address.district(), address.lines(), address.postalCode());
	}

	DeliveryAddress toDeliveryAddress() {
		return new DeliveryAddress(this.recipientName, this.phone, this.country, this.region, this.city, this.district,
				this.lines, this.postalCode);
	}

	@Override
	public String toString() {
		return "DeliveryAddressBody[hidden]";
	}

}
