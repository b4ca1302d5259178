package io.orderflow.api.order;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ETag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.orderflow.api.web.ApiProblem;
import io.orderflow.order.ExpectedVersion;
import io.orderflow.order.Order;
import io.orderflow.order.TransitionOutcome;

/**
 * An order's version on the wire: a strong {@code ETag} on every order the API answers
 * with, and {@code If-Match} on the requests that change one, so that a client that
 * decided on an outdated order gets 412 instead of overwriting what it never saw.
 * {@code If-Match} stays optional (never 428).
 */
final class OrderVersions {

	static final String IF_MATCH = "If-Match";

	private OrderVersions() {
	}

	/** 200 with the order and its {@code ETag}. */
	static ResponseEntity<OrderResponse> ok(Order order) {
		return ResponseEntity.ok().eTag(etag(order.version())).body(OrderResponse.of(order));
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The versions {@code If-Match} accepts: any for {@code *} or no header; else those
	 * of its strong tags that are versions of ours exactly as we write them (no leading
	 * zero), none when it has no such tag (weak tags never match: If-Match compares
	 * strongly).
	 */
	static ExpectedVersion expected(@Nullable String ifMatch) {
		if (ifMatch == null) {
			return ExpectedVersion.ANY;
		}
		List<ETag> tags = ETag.parse(ifMatch);
		if (tags.isEmpty()) {
			throw ApiProblem.invalidField(IF_MATCH, "must be * or a list of entity tags such as \"3\"");
		}
		if (tags.stream().anyMatch(ETag::isWildcard)) {
			return ExpectedVersion.ANY;
		}
		Set<Long> versions = tags.stream()
			.filter((tag) -> !tag.weak() && tag.tag().matches("[1-9][0-9]{0,17}"))
			.map((tag) -> Long.valueOf(tag.tag()))
			.collect(Collectors.toSet());
		return ExpectedVersion.oneOf(versions);
	}

	/** 412: the order changed since the client read it. */
	static ApiProblem stale(TransitionOutcome.Stale stale) {
		Order order = stale.order();
		return new ApiProblem(HttpStatus.PRECONDITION_FAILED, "Order changed",
				"Order " + order.orderNo() + " is at version " + etag(order.version())
						+ ", not one If-Match names; read it again and decide on what it is now");
	}

}
