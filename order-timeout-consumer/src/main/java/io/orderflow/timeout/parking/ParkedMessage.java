package io.orderflow.timeout.parking;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import org.jspecify.annotations.Nullable;

/**
 * What an operator needs to know of a parked message before replaying or dropping it.
 *
 * @param messageId its AMQP {@code message_id} (the outbox row's id for timers)
 * @param type its AMQP {@code type}
 * @param reason why it was dead-lettered last ({@code rejected}, {@code delivery_limit}),
 * from its {@code x-death} header
 * @param deadLetteredFrom the queue it was dead-lettered from, from {@code x-death}
 * @param routingKeys the routing keys it had in that queue, from {@code x-death}
 * @param deaths how often it was dead-lettered from that queue
 * @param body its body, control characters shown as {@code ?}, cut at 500 characters
 */
public record ParkedMessage(@Nullable String messageId, @Nullable String type, @Nullable String reason,
		@Nullable String deadLetteredFrom, List<String> routingKeys, long deaths, String body) {

	private static final int MAX_BODY = 500;

	static ParkedMessage of(AMQP.BasicProperties properties, byte[] body) {
		Map<String, Object> death = lastDeath(properties);
		String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\p{Cc}", "?");
		return new ParkedMessage(properties.getMessageId(), properties.getType(), string(death.get("reason")),
				string(death.get("queue")),
				(death.get("routing-keys") instanceof List<?> keys) ? keys.stream().map(String::valueOf).toList()
						: List.of(),
				(death.get("count") instanceof Number count) ? count.longValue() : 0,
				(text.length() > MAX_BODY) ? text.substring(0, MAX_BODY) + "..." : text);
	}

	/** RabbitMQ puts the latest dead-lettering first. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> lastDeath(AMQP.BasicProperties properties) {
		Map<String, Object> headers = properties.getHeaders();
		if (headers != null && headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
				&& deaths.get(0) instanceof Map<?, ?> first) {
			return (Map<String, Object>) first;
		}
		return Map.of();
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

}
