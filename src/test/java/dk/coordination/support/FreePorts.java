package dk.coordination.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports on the loopback interface that nothing listens on, so test servers
 * never clash with a Keycloak or PostgreSQL a developer already runs on the usual ports.
 */
public final class FreePorts {

	// the servers in this package bind to 127.0.0.1 only, so that is where a port has to
	// be free (getLoopbackAddress() would be ::1 on a JVM that prefers IPv6)
	private static final InetAddress LOOPBACK = loopback();

	private FreePorts() {
	}

	/**
	 * Returns one port that is free right now. The operating system may hand it out again
	 * before the caller binds it, so callers start their server promptly.
	 * @return a free port on 127.0.0.1
	 */
	public static int pick() {
		return pick(1)[0];
	}

	/**
	 * Returns {@code count} different free ports.
	 * @param count how many ports
	 * @return distinct free ports on 127.0.0.1
	 */
	public static int[] pick(int count) {
		// all sockets stay open until every port is known, otherwise the OS could return
		// the same ephemeral port twice
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket();
				sockets.add(socket);
				socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port on " + LOOPBACK.getHostAddress(), ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				closeQuietly(socket);
			}
		}
	}

	/**
	 * Tells whether a port on 127.0.0.1 can be bound now.
	 * @param port the port
	 * @return {@code true} when nothing listens on it
	 */
	public static boolean isFree(int port) {
		// a live listener makes the bind fail, while connections of a stopped server
		// lingering in TIME_WAIT do not (Java sets SO_REUSEADDR on server sockets),
		// matching what the servers started here will experience
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		}
		catch (IOException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing was bound through it, so there is nothing to release
		}
	}

}
