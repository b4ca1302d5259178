package io.orderflow.api.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.orderflow.api.ApiProperties;

/**
 * A payment timeout within the configured {@code order.api.min-payment-timeout} and
 * {@code order.api.max-payment-timeout}.
 */
@Documented
@Constraint(validatedBy = AllowedPaymentTimeout.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface AllowedPaymentTimeout {

	String message() default "must be between {min} and {max}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<AllowedPaymentTimeout, Duration> {

		private final ApiProperties properties;

		Validator(ApiProperties properties) {
			this.properties = properties;
		}

		@Override
		public boolean isValid(Duration value, ConstraintValidatorContext context) {
			if (value == null || (value.compareTo(this.properties.minPaymentTimeout()) >= 0
					&& value.compareTo(this.properties.maxPaymentTimeout()) <= 0)) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context
				.buildConstraintViolationWithTemplate("must be between " + this.properties.minPaymentTimeout() + " and "
						+ this.properties.maxPaymentTimeout())
				.addConstraintViolation();
			return false;
		}

	}

}
