/**
 * Everything that knows about RabbitMQ: exchange and queue names and arguments (the
 * topology), the delay levels that carry timers, the message contracts and the publisher
 * that the outbox relay hands messages to.
 *
 * <p>
 * Nothing outside this package (and the listeners of the apps) imports AMQP types.
 */
@NullMarked
package io.orderflow.messaging;

import org.jspecify.annotations.NullMarked;
