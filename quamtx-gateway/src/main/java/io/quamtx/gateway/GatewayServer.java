package io.quamtx.gateway;

import io.quamtx.gateway.internal.ApiHandler;
import io.quamtx.gateway.internal.ProblemErrorHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running HTTP gateway: an embedded Jetty server with the quamtx API, bound to loopback unless
 * configured otherwise.
 *
 * <p>Thread-safe. {@link #start} blocks until the port is bound; {@link #close} waits for requests
 * in flight to finish, for at most five seconds.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private final Server server;
  private final ServerConnector connector;
  private final ApiHandler handler;
  private final ScheduledExecutorService saver;

  private GatewayServer(Server server, ServerConnector connector, ApiHandler handler) {
    this.server = server;
    this.connector = connector;
    this.handler = handler;
    this.saver =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quamtx-gateway-usage");
              t.setDaemon(true);
              return t;
            });
    saver.scheduleWithFixedDelay(this::saveUsage, 10, 10, TimeUnit.SECONDS);
  }

  /**
   * Starts a server.
   *
   * @throws IOException when the port cannot be bound or the server does not start
   */
  public static GatewayServer start(GatewayConfig config, EntropyService service, ApiKeys keys)
      throws IOException {
    QueuedThreadPool pool = new QueuedThreadPool(config.maxThreads(), 8);
    pool.setName("quamtx-gateway");
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http()));
    connector.setHost(config.bind());
    connector.setPort(config.port());
    server.addConnector(connector);
    ApiHandler handler = new ApiHandler(config, service, keys, Clock.systemUTC());
    server.setHandler(handler);
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(5_000);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException(
          "the gateway could not start on " + config.bind() + ":" + config.port(), e);
    }
    return new GatewayServer(server, connector, handler);
  }

  private static HttpConfiguration http() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    return http;
  }

  /** The bound port, the chosen one when the configuration said 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The base URI, such as {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    String host = connector.getHost();
    String literal = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port());
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops accepting, finishes requests in flight, saves usage, and releases the port. */
  @Override
  public void close() {
    saver.shutdownNow();
    stopQuietly(server);
    saveUsage();
  }

  private void saveUsage() {
    try {
      handler.saveUsage();
    } catch (IOException | RuntimeException e) {
      LOG.warn("usage totals could not be saved: {}", e.getClass().getName());
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // Best effort: a failure while stopping leaves nothing the caller could act on.
      LOG.debug("the gateway did not stop cleanly", e);
    }
  }
}
