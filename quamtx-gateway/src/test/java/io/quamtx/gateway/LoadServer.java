package io.quamtx.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts a gateway on loopback for {@code load/run.sh}: {@code LoadServer <mode> <port> <dir>},
 * mode {@code getrandom} (the baseline), {@code library} (the real library with a durable log under
 * {@code dir/home}) or {@code simulated} (records in memory). Writes an enterprise key with a very
 * high limit and two standard keys into {@code dir}, named after the mode, then serves until
 * killed.
 */
final class LoadServer {
  private LoadServer() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dir = Path.of(args[2]);
    EntropyService service =
        switch (mode) {
          case "getrandom" -> new GetrandomBaselineService();
          case "simulated" -> new SimulatedEntropyService();
          case "library" -> LibraryEntropyService.open(dir.resolve("home"), Duration.ofSeconds(10));
          default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
        };
    ApiKeys keys = ApiKeys.open(dir.resolve("keys-" + mode + ".json"));
    writeKey(dir, mode + "-enterprise", keys.create("load", Tier.ENTERPRISE));
    writeKey(dir, mode + "-standard-a", keys.create("flood", Tier.STANDARD));
    writeKey(dir, mode + "-standard-b", keys.create("quiet", Tier.STANDARD));
    GatewayConfig config =
        GatewayConfig.builder()
            .bind("127.0.0.1")
            .port(Integer.parseInt(args[1]))
            .enterprisePerMinute(1_000_000_000)
            .build();
    try (GatewayServer server = GatewayServer.start(config, service, keys)) {
      Files.writeString(dir.resolve("ready-" + mode), server.baseUri().toString());
      server.join();
    }
  }

  private static void writeKey(Path dir, String name, ApiKeys.IssuedKey key) throws Exception {
    Files.writeString(dir.resolve("key-" + name), key.secret());
  }
}
