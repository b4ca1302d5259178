package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The network between one app and one server (the broker or PostgreSQL): a TCP relay on a
 * port of its own that the app is pointed at, which the scenario can stall (connections
 * stay open, no byte gets through, as with a dead switch or a full-table firewall that
 * drops packets) or cut (every connection reset, new ones refused), and heal.
 */
final class Link implements AutoCloseable {

	enum State {

		UP, STALLED, CUT

	}

	private final String name;

	private final ServerSocket listener;

	private final int target;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final ExecutorService relays = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		return thread;
	});

	private volatile State state = State.UP;

	private Link(String name, ServerSocket listener, int target) {
		this.name = name;
		this.listener = listener;
		this.target = target;
	}

	/** A link to {@code 127.0.0.1:target} on a free local port. */
	static Link to(String name, int target) throws IOException {
		Link link = new Link(name, new ServerSocket(0, 100, InetAddress.getLoopbackAddress()), target);
		link.relays.execute(link::accept);
		return link;
	}

	String name() {
		return this.name;
	}

	/** The port the app connects to instead of the server's. */
	int port() {
		return this.listener.getLocalPort();
	}

	/** Bytes stop flowing both ways; connections stay open. */
	void stall() {
		this.state = State.STALLED;
	}

	/** Every open connection is reset and new ones are refused. */
	void cut() {
		this.state = State.CUT;
		for (Socket socket : this.sockets) {
			reset(socket);
		}
	}

	/** Bytes flow again and new connections are let through. */
	void heal() {
		this.state = State.UP;
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			Socket app;
			try {
				app = this.listener.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.state == State.CUT) {
				reset(app);
				continue;
			}
			try {
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
				app.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.sockets.add(app);
				this.sockets.add(server);
				this.relays.execute(() -> relay(app, server));
				this.relays.execute(() -> relay(server, app));
			}
			catch (IOException ex) {
				// the server is down: the app sees its connection reset
				reset(app);
			}
		}
	}

	/**
	 * Copies {@code from} to {@code to}, holding each chunk while the link is stalled.
	 */
	private void relay(Socket from, Socket to) {
		byte[] chunk = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
				while (this.state == State.STALLED) {
					Thread.sleep(5);
				}
				if (this.state == State.CUT) {
					break;
				}
				out.write(chunk, 0, read);
			}
		}
		catch (IOException ex) {
			// one side closed or was reset: so is the other, below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		reset(from);
		reset(to);
	}

	/** Closes {@code socket} with a reset rather than an orderly shutdown. */
	private void reset(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		cut();
		this.relays.shutdownNow();
	}

}
