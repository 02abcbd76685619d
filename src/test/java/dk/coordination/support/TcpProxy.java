package dk.coordination.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of another local port, which the tests can make
 * stall: it then still takes connections but passes nothing on and never answers, as a
 * server does that has hung or sits behind a broken network. For putting one party's way
 * to another out of order without stopping the other for everyone.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final AtomicBoolean stalled = new AtomicBoolean();

	private final AtomicInteger relayed = new AtomicInteger();

	private final AtomicInteger held = new AtomicInteger();

	private final List<Socket> sockets = new ArrayList<>();

	/**
	 * Starts relaying.
	 * @param target the port on 127.0.0.1 to relay to
	 */
	public TcpProxy(int target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Cuts the connections relayed so far (a client's kept-alive connection would go on
	 * working) and from now on takes new connections and holds them without a word.
	 */
	public void stall() {
		this.stalled.set(true);
		synchronized (this.sockets) {
			this.sockets.forEach(TcpProxy::closeQuietly);
			this.sockets.clear();
		}
	}

	/** Connections relayed so far. */
	public int relayed() {
		return this.relayed.get();
	}

	/** Connections taken and held while stalled. */
	public int held() {
		return this.held.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				remember(client);
				if (this.stalled.get()) {
					this.held.incrementAndGet();
					continue;
				}
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				remember(upstream);
				this.relayed.incrementAndGet();
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException ex) {
				// closed, or the target refused: the client's connection ends
			}
		}
	}

	private void remember(Socket socket) {
		synchronized (this.sockets) {
			this.sockets.add(socket);
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread pipe = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pipe");
		pipe.setDaemon(true);
		pipe.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		synchronized (this.sockets) {
			this.sockets.forEach(TcpProxy::closeQuietly);
		}
	}

}
