package io.orderflow.api.web;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.orderflow.api.web.ApiProblem.FieldError;

/**
 * Answers every error as an RFC 9457 problem detail: validation failures list the
 * offending fields, malformed bodies say where they broke, and an unexpected failure says
 * nothing of its internals (it is logged instead).
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** About how long PostgreSQL takes to restart or fail over. */
	private static final int RETRY_AFTER_SECONDS = 5;

	@ExceptionHandler(ApiProblem.class)
	ProblemDetail apiProblem(ApiProblem problem) {
		return problem(problem.status(), problem.title(), problem.getMessage(), problem.errors());
	}

	/**
	 * Spring Security's firewall refused a header value the request handler read (control
	 * characters, say): a client mistake. The value is not logged, it is what was
	 * refused.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ProblemDetail requestRejected(RequestRejectedException ex) {
		log.warn("Answered 400: the request was rejected by the firewall");
		return problem(HttpStatus.BAD_REQUEST, "Malformed request",
				"A header or parameter of the request holds characters that are not allowed", List.of());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (isDatabaseUnavailable(ex)) {
			log.warn("Answered 503: the database is unavailable ({})", ex.toString());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
				.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
						"The order database cannot be reached; retry in a few seconds "
								+ "(with the same Idempotency-Key when placing an order)",
						List.of()));
		}
		log.error("Request failed unexpectedly", ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed",
					List.of()));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), String.valueOf(error.getDefaultMessage())))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		return ResponseEntity.badRequest().body(apiProblem(ApiProblem.invalidFields(errors)));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, PayloadTooLargeException.class) != null) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
						causedBy(ex, PayloadTooLargeException.class).getMessage(), List.of()));
		}
		JacksonException json = causedBy(ex, JacksonException.class);
		if (json == null || json instanceof StreamReadException || json.getPath().isEmpty()) {
			String detail = (json != null) ? "Malformed JSON: " + json.getOriginalMessage() : "Request body is missing";
			return ResponseEntity.badRequest()
				.body(problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail, List.of()));
		}
		String field = path(json);
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " has an invalid value",
					List.of(new FieldError(field, "has an invalid value"))));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			log.error("Request failed", ex);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/** The JSON path of the value that failed, as the validation errors name fields. */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/**
	 * The database is unreachable, restarting or out of connections: a transient outage
	 * the caller can wait out, not a fault of the request or of this code. Spring
	 * translates most of these; the rest arrive as SQL states (class 08: connection
	 * exception, 57P: the server is shutting down or starting). When the connection is
	 * lost mid-transaction, the rollback fails too, and the failure that counts is the
	 * one the rollback was for.
	 */
	private static boolean isDatabaseUnavailable(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
			if (cause instanceof TransactionSystemException failedRollback
					&& isDatabaseUnavailable(failedRollback.getApplicationException())) {
				return true;
			}
			// A commit that failed (the outbox rows are written just before it) and whose
			// rollback then failed too: Spring throws the rollback's failure without the
			// commit's, and Hikari's "Connection is closed" carries no SQL state. A
			// transaction that can neither commit nor roll back has lost its connection.
			if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
				return true;
			}
		}
		return false;
	}

	private static <T extends Throwable> @Nullable T causedBy(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
