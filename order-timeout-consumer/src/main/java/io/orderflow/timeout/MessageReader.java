package io.orderflow.timeout;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/**
 * Reads inbound messages and holds them to the bounds of what they may carry; a message
 * out of bounds is malformed, parked and never applied. Anyone who can publish to a
 * consumed queue can send anything, and what passes here reaches the database and the
 * logs.
 *
 * <p>
 * Reads message bodies here rather than with a message converter: Spring's default error
 * handler silently drops messages that fail conversion when they carry an {@code x-death}
 * header, as every dead-lettered timer does. A malformed message must reach its queue's
 * parking lot instead.
 */
@Component
class MessageReader {

	/** What order numbers are made of, and as long as {@code orders.order_no} allows. */
	private static final Pattern ORDER_NO = Pattern.compile("[0-9A-Za-z_-]{1,32}");

	/** As long as {@code inbox_message.message_id} allows. */
	private static final int MAX_MESSAGE_ID_LENGTH = 255;

	private final JsonMapper json;

	private final long maxBodyBytes;

	MessageReader(JsonMapper json, TimeoutProperties properties) {
		this.json = json;
		this.maxBodyBytes = properties.maxMessageSize().toBytes();
	}

	/**
	 * The body as {@code type}; a body larger than {@code order.timeout.max-message-size}
	 * is not even parsed.
	 */
	<T> T read(Message message, Class<T> type) {
		int size = message.getBody().length;
		if (size > this.maxBodyBytes) {
			throw malformed(message, type, "body of " + size + " bytes is larger than order.timeout.max-message-size ("
					+ this.maxBodyBytes + " bytes)");
		}
		try {
			return this.json.readValue(message.getBody(), type);
		}
		catch (JacksonException ex) {
			throw malformed(message, type, ex.getOriginalMessage());
		}
	}

	/**
	 * The order number a message names: 1 to 32 letters, digits, '-' or '_', else the
	 * message is malformed. The value is not echoed, so that it cannot forge log lines.
	 */
	static String requireOrderNo(Message message, Class<?> type, @Nullable String orderNo) {
		if (orderNo == null || orderNo.isBlank()) {
			throw malformed(message, type, "no orderNo");
		}
		if (!ORDER_NO.matcher(orderNo).matches()) {
			throw malformed(message, type,
					"orderNo of " + orderNo.length() + " characters is not 1 to 32 letters, digits, '-' or '_'");
		}
		return orderNo;
	}

	/**
	 * A free-text field, at most {@code maxLength} characters without control characters
	 * (a line break in it would forge log lines), else the message is malformed.
	 */
	static String requirePlainText(Message message, Class<?> type, String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw malformed(message, type, field + " of " + value.length() + " characters is longer than " + maxLength);
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw malformed(message, type, field + " contains control characters");
		}
		return value;
	}

	/**
	 * The message's id, which inbound consumers deduplicate by: present, as long as the
	 * inbox takes, without control characters.
	 */
	String messageId(Message message) {
		String id = message.getMessageProperties().getMessageId();
		String queue = message.getMessageProperties().getConsumerQueue();
		if (id == null || id.isBlank()) {
			throw new MalformedMessageException("Message without message_id on " + queue, null);
		}
		if (!isPrintableId(id)) {
			throw new MalformedMessageException("Message on " + queue + " whose message_id of " + id.length()
					+ " characters is longer than " + MAX_MESSAGE_ID_LENGTH + " or contains control characters", null);
		}
		return id;
	}

	static MalformedMessageException malformed(Message message, Class<?> type, String why) {
		return new MalformedMessageException(
				"Not a " + type.getSimpleName() + " (message id " + printableId(message) + "): " + why, null);
	}

	/** The message's id for a log line: not echoed when it could forge one. */
	static @Nullable String printableId(Message message) {
		String id = message.getMessageProperties().getMessageId();
		return (id == null || isPrintableId(id)) ? id : "unprintable";
	}

	private static boolean isPrintableId(String id) {
		return id.length() <= MAX_MESSAGE_ID_LENGTH && id.chars().noneMatch(Character::isISOControl);
	}

}
