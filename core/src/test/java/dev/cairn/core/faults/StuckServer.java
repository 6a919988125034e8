package dev.cairn.core.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A TCP server that plays a broken PostgreSQL: it accepts connections and then never answers
 * (a stuck server, pooler or load balancer), or closes each one at once.
 */
final class StuckServer implements AutoCloseable {

	enum Behaviour {

		NEVER_ANSWERS, CLOSES

	}

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private StuckServer(Behaviour behaviour) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> accept(behaviour), "stuck-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static StuckServer start(Behaviour behaviour) throws IOException {
		return new StuckServer(behaviour);
	}

	private void accept(Behaviour behaviour) {
		try {
			while (true) {
				Socket client = this.socket.accept();
				if (behaviour == Behaviour.CLOSES) {
					client.close();
				}
				else {
					this.accepted.add(client);
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	/** How many connections it accepted and still keeps open. */
	int open() {
		return (int) this.accepted.stream().filter((client) -> !client.isClosed() && !client.isInputShutdown()).count();
	}

	String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.socket.getLocalPort() + "/postgres?user=postgres";
	}

	PGSimpleDataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url());
		return dataSource;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket client : this.accepted) {
			client.close();
		}
	}

}
