package io.orderflow.messaging;

import io.micrometer.common.KeyValues;

import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitTemplateObservation.DefaultRabbitTemplateObservationConvention;
import org.springframework.amqp.rabbit.support.micrometer.RabbitTemplateObservation.TemplateLowCardinalityTags;
import org.springframework.stereotype.Component;

/**
 * Spring AMQP's observation of a publish, with the timer's name where it would tag the
 * metrics with a timer's whole routing key. Spring AMQP counts the routing key as a
 * low-cardinality value, which it is for events ({@code order.created}) but not for
 * timers: their keys spell out the delay ({@code L00.L03.L10.payment-timeout}), so nearly
 * every timer would start a timer meter of its own, which Prometheus would scrape for
 * ever and the app would keep until its heap ran out. Spans still carry the whole key.
 */
@Component
class PublishObservationConvention extends DefaultRabbitTemplateObservationConvention {

	private static final String ROUTING_KEY = TemplateLowCardinalityTags.ROUTING_KEY.asString();

	@Override
	public KeyValues getLowCardinalityKeyValues(RabbitMessageSenderContext context) {
		return super.getLowCardinalityKeyValues(context).and(ROUTING_KEY,
				DelayLevels.withoutDelay(context.getRoutingKey()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RabbitMessageSenderContext context) {
		return super.getHighCardinalityKeyValues(context).and(ROUTING_KEY, context.getRoutingKey());
	}

}
