package dev.cairn.autoconfigure.integration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application started on another thread, for tests that look at it while it is still
 * starting (migrating, or waiting for migrations): its port is known once the web server is up,
 * and closing it also closes an application that never finished starting.
 */
final class BackgroundApplication implements AutoCloseable {

	private final CompletableFuture<Integer> port = new CompletableFuture<>();

	private final CompletableFuture<ConfigurableApplicationContext> prepared = new CompletableFuture<>();

	private final CompletableFuture<ConfigurableApplicationContext> started;

	private BackgroundApplication(SpringApplicationBuilder application) {
		application.listeners((ApplicationListener<WebServerInitializedEvent>) (event) -> this.port
			.complete(event.getWebServer().getPort()))
			.listeners((ApplicationListener<ApplicationPreparedEvent>) (event) -> this.prepared
				.complete(event.getApplicationContext()));
		this.started = CompletableFuture.supplyAsync(application::run);
	}

	static BackgroundApplication start(SpringApplicationBuilder application) {
		return new BackgroundApplication(application);
	}

	int port() throws Exception {
		return this.port.get(60, TimeUnit.SECONDS);
	}

	boolean hasStarted() {
		return this.started.isDone();
	}

	ConfigurableApplicationContext awaitStarted() throws Exception {
		return this.started.get(60, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		if (this.prepared.isDone()) {
			this.prepared.join().close();
		}
		try {
			this.started.handle((context, failure) -> null).get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The application did not end within 60 s of closing it", ex);
		}
	}

}
