package io.orderflow.api.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;

/**
 * A string without control characters (NUL, line breaks, escape sequences, C1 codes):
 * PostgreSQL refuses NUL in text, and none of them belongs in an identifier, a name or a
 * log line. Unicode letters of every script are welcome.
 */
@Documented
@Constraint(validatedBy = {})
@jakarta.validation.constraints.Pattern(regexp = Printable.REGEX)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Printable {

	/** Any number of characters that are not in Unicode's control category. */
	String REGEX = "\\P{Cc}*";

	String MESSAGE = "must not contain control characters";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** The check of this constraint, for values that Bean Validation does not see. */
	final class Check {

		private static final Pattern PATTERN = Pattern.compile(REGEX);

		private Check() {
		}

		public static boolean isPrintable(String value) {
			return PATTERN.matcher(value).matches();
		}

	}

}
