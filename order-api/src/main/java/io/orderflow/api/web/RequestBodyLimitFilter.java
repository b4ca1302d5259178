package io.orderflow.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.orderflow.api.ApiProperties;

/**
 * Refuses request bodies larger than {@code order.api.max-request-body-size} with 413: at
 * once when the {@code Content-Length} says so, and while reading when a chunked body
 * grows past it (Tomcat itself only limits form posts).
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final JsonMapper json;

	RequestBodyLimitFilter(ApiProperties properties, JsonMapper json) {
		this.limit = properties.maxRequestBodySize().toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit) {
			ServletProblems.write(request, response, this.json, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
					"Request body exceeds " + this.limit + " bytes");
			return;
		}
		chain.doFilter(new LimitedBodyRequest(request, this.limit), response);
	}

	private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream limited;

		LimitedBodyRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.limited == null) {
				this.limited = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.limited;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws PayloadTooLargeException {
			this.read += n;
			if (this.read > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
