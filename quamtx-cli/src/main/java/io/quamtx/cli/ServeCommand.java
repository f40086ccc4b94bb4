package io.quamtx.cli;

import io.quamtx.gateway.ApiKeys;
import io.quamtx.gateway.GatewayConfig;
import io.quamtx.gateway.GatewayServer;
import io.quamtx.gateway.LibraryEntropyService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx serve}: the HTTP gateway over this machine's sources and the provenance log under
 * the home directory. Prints the base URL on one line once it listens, then serves until stopped.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the /v1 HTTP API (keys: quamtx keys; loopback unless --bind says else).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand QuamtxCommand parent;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--enterprise-per-minute",
      defaultValue = "20000",
      paramLabel = "N",
      description = "Requests per minute of an enterprise key (default: ${DEFAULT-VALUE}).")
  int enterprisePerMinute;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "How long one hardware draw may wait (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    GatewayConfig config =
        GatewayConfig.builder()
            .bind(bind)
            .port(port)
            .enterprisePerMinute(enterprisePerMinute)
            .usageFile(KeysCommand.file(parent.home()).resolveSibling("usage.json"))
            .build();
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": must be at least 1");
    }
    ApiKeys keys = ApiKeys.open(KeysCommand.file(parent.home()));
    LibraryEntropyService library =
        LibraryEntropyService.open(parent.home(), Duration.ofSeconds(timeoutSeconds));
    GatewayServer server = start(config, library, keys);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, library)));
    System.out.println(server.baseUri());
    System.out.flush();
    server.join();
    return 0;
  }

  private static GatewayServer start(
      GatewayConfig config, LibraryEntropyService library, ApiKeys keys) throws Exception {
    try {
      return GatewayServer.start(config, library, keys);
    } catch (Exception e) {
      library.close();
      throw e;
    }
  }

  private static void stop(GatewayServer server, LibraryEntropyService library) {
    server.close();
    library.close();
  }
}
