package io.orderflow.api.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceUnitTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	@Test
	void aConnectionLostMidTransactionIsAnOutageNotABug() {
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new DataAccessResourceFailureException("I/O error"));

		assertUnavailable(this.advice.unexpected(rollbackFailed));
	}

	@Test
	void aRollbackThatFailedAfterAFailedCommitIsAnOutage() {
		// what Spring throws when the commit failed and the rollback then found the
		// connection closed: the rollback's failure, without the commit's
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));

		assertUnavailable(this.advice.unexpected(rollbackFailed));
	}

	@Test
	void connectionAndShutdownSqlStatesAreAnOutage() {
		assertUnavailable(this.advice.unexpected(new UncategorizedSQLException("insert", "INSERT ...",
				new SQLException("An I/O error occurred while sending to the backend", "08006"))));
		assertUnavailable(this.advice.unexpected(new UncategorizedSQLException("insert", "INSERT ...",
				new SQLException("terminating connection due to administrator command", "57P01"))));
	}

	@Test
	void anythingElseIsAnInternalErrorThatSaysNothingOfItsCause() {
		ResponseEntity<ProblemDetail> answer = this.advice.unexpected(new IllegalStateException("secret detail"));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(answer.getBody().getDetail()).doesNotContain("secret detail");
		assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
	}

	private static void assertUnavailable(ResponseEntity<ProblemDetail> answer) {
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
	}

}
