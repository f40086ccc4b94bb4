package io.quamtx.gateway;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway's settings. Immutable; build one with {@link #builder()}, which checks each value as
 * it is set.
 */
public final class GatewayConfig {
  private final String bind;
  private final int port;
  private final int maxDrawBytes;
  private final int maxBodyBytes;
  private final int enterprisePerMinute;
  private final int burstPercent;
  private final int accessRequestsPerMinute;
  private final int maxThreads;
  private final Optional<Path> usageFile;

  private GatewayConfig(Builder b) {
    this.bind = b.bind;
    this.port = b.port;
    this.maxDrawBytes = b.maxDrawBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.enterprisePerMinute = b.enterprisePerMinute;
    this.burstPercent = b.burstPercent;
    this.accessRequestsPerMinute = b.accessRequestsPerMinute;
    this.maxThreads = b.maxThreads;
    this.usageFile = b.usageFile;
  }

  /** A builder with the defaults: 127.0.0.1:8080, 65,536 bytes per draw, 20% burst. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address the server listens on. */
  public String bind() {
    return bind;
  }

  /** The TCP port; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The largest {@code bytes} one draw may ask for. */
  public int maxDrawBytes() {
    return maxDrawBytes;
  }

  /** The largest request body accepted; larger ones answer 413. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Requests per minute of an enterprise key. */
  public int enterprisePerMinute() {
    return enterprisePerMinute;
  }

  /** Burst headroom on top of each tier's rate, in percent of it. */
  public int burstPercent() {
    return burstPercent;
  }

  /** Access requests per minute the whole server accepts, from anyone. */
  public int accessRequestsPerMinute() {
    return accessRequestsPerMinute;
  }

  /** The most request threads. */
  public int maxThreads() {
    return maxThreads;
  }

  /** Where per-key usage totals are kept across restarts; empty keeps them in memory only. */
  public Optional<Path> usageFile() {
    return usageFile;
  }

  /** Builds a {@link GatewayConfig}; not thread-safe. */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port = 8080;
    private int maxDrawBytes = 65_536;
    private int maxBodyBytes = 4_096;
    private int enterprisePerMinute = 20_000;
    private int burstPercent = 20;
    private int accessRequestsPerMinute = 60;
    private int maxThreads = 200;
    private Optional<Path> usageFile = Optional.empty();

    private Builder() {}

    /** Keeps usage totals in this file (mode 0600), saved every ten seconds and on close. */
    public Builder usageFile(Path file) {
      this.usageFile = Optional.of(file);
      return this;
    }

    /** The address to listen on, a loopback one by default. */
    public Builder bind(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("bind address must not be empty");
      }
      this.bind = address;
      return this;
    }

    /** The TCP port, 0 to 65535; 0 picks a free one. */
    public Builder port(int port) {
      this.port = check("port", port, 0, 65_535);
      return this;
    }

    /** The largest draw, 1 to 65,536 bytes, the most one library draw gives. */
    public Builder maxDrawBytes(int bytes) {
      this.maxDrawBytes = check("maxDrawBytes", bytes, 1, 65_536);
      return this;
    }

    /** The largest request body, 64 bytes to 1 MiB. */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = check("maxBodyBytes", bytes, 64, 1 << 20);
      return this;
    }

    /** Requests per minute of an enterprise key, at least 1. */
    public Builder enterprisePerMinute(int perMinute) {
      this.enterprisePerMinute = check("enterprisePerMinute", perMinute, 1, Integer.MAX_VALUE / 2);
      return this;
    }

    /** Burst headroom in percent of a tier's rate, 0 to 100. */
    public Builder burstPercent(int percent) {
      this.burstPercent = check("burstPercent", percent, 0, 100);
      return this;
    }

    /** Access requests per minute for the whole server, at least 1. */
    public Builder accessRequestsPerMinute(int perMinute) {
      this.accessRequestsPerMinute = check("accessRequestsPerMinute", perMinute, 1, 1_000_000);
      return this;
    }

    /** The most request threads, 8 to 2000. */
    public Builder maxThreads(int threads) {
      this.maxThreads = check("maxThreads", threads, 8, 2_000);
      return this;
    }

    /** The settings. */
    public GatewayConfig build() {
      return new GatewayConfig(this);
    }

    private static int check(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }
  }
}
