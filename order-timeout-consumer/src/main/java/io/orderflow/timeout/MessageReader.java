package io.orderflow.timeout;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/**
 * Reads message bodies here rather than with a message converter: Spring's default error
 * handler silently drops messages that fail conversion when they carry an {@code x-death}
 * header, as every dead-lettered timer does. A malformed message must reach its queue's
 * parking lot instead.
 */
@Component
class MessageReader {

	private final JsonMapper json;

	MessageReader(JsonMapper json) {
		this.json = json;
	}

	<T> T read(Message message, Class<T> type) {
		try {
			return this.json.readValue(message.getBody(), type);
		}
		catch (JacksonException ex) {
			throw malformed(message, type, ex.getOriginalMessage());
		}
	}

	/** The order number a message names; a message that names none is malformed. */
	static String requireOrderNo(Message message, Class<?> type, String orderNo) {
		if (orderNo == null || orderNo.isBlank()) {
			throw malformed(message, type, "no orderNo");
		}
		return orderNo;
	}

	/** The message's id, which inbound consumers deduplicate by. */
	String messageId(Message message) {
		String id = message.getMessageProperties().getMessageId();
		if (id == null || id.isBlank()) {
			throw new MalformedMessageException(
					"Message without message_id on " + message.getMessageProperties().getConsumerQueue(), null);
		}
		return id;
	}

	static MalformedMessageException malformed(Message message, Class<?> type, String why) {
		return new MalformedMessageException("Not a " + type.getSimpleName() + " (message id "
				+ message.getMessageProperties().getMessageId() + "): " + why, null);
	}

}
