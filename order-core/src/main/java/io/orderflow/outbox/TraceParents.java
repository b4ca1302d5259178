package io.orderflow.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries a trace across the outbox: the trace context of the transaction that writes a
 * row is kept with it as a W3C {@code traceparent}, and the relay publishes the row
 * inside a span of that trace, so that the broker observation (and the
 * {@code traceparent} header it writes) continues the request's trace rather than the
 * relay thread's. Without tracing (no {@link Tracer}), rows carry none and publishing is
 * untouched.
 */
@Component
public class TraceParents {

	static final String HEADER = "traceparent";

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	TraceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable();
		this.propagator = propagator.getIfAvailable();
	}

	/** The {@code traceparent} of the current span, if there is one. */
	@Nullable String current() {
		if (this.tracer == null || this.propagator == null) {
			return null;
		}
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/**
	 * Runs {@code work} in a span named {@code name} that continues the trace of
	 * {@code traceParent}; just runs it when there is none.
	 */
	public <T> T within(@Nullable String traceParent, String name, Supplier<T> work) {
		if (traceParent == null || this.tracer == null || this.propagator == null) {
			return work.get();
		}
		Span span = this.propagator.extract(Map.of(HEADER, traceParent), Map::get).name(name).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.get();
		}
		finally {
			span.end();
		}
	}

}
