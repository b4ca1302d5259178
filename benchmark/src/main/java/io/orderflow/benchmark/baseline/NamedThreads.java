package io.orderflow.benchmark.baseline;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named after what they do, so that thread dumps say which baseline a
 * thread belongs to and none of them keeps the benchmark's JVM alive.
 */
final class NamedThreads implements ThreadFactory {

	private final String name;

	private final AtomicInteger count = new AtomicInteger();

	NamedThreads(String name) {
		this.name = name;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.name + "-" + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
