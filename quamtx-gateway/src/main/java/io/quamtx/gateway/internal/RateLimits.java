package io.quamtx.gateway.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quamtx.gateway.ApiKeys.ApiKey;
import io.quamtx.gateway.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One Bucket4j token bucket per key: the tier's rate per minute, refilled greedily, with the
 * configured burst headroom as extra capacity. Buckets are independent, so a key that floods only
 * drains its own. Thread-safe, non-blocking.
 */
final class RateLimits {
  private final GatewayConfig config;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Bucket accessRequests;
  private final int accessPerMinute;

  RateLimits(GatewayConfig config) {
    this.config = config;
    this.accessPerMinute = config.accessRequestsPerMinute();
    this.accessRequests = bucket(accessPerMinute, 0);
  }

  /** Takes one request from the key's bucket. */
  Decision take(ApiKey key) {
    int perMinute = key.tier().perMinute(config);
    Bucket b =
        buckets.computeIfAbsent(
            key.id() + ":" + perMinute, id -> bucket(perMinute, config.burstPercent()));
    return decide(b, perMinute);
  }

  /** Takes one access request from the bucket all anonymous callers share. */
  Decision takeAccessRequest() {
    return decide(accessRequests, accessPerMinute);
  }

  private static Decision decide(Bucket bucket, int perMinute) {
    ConsumptionProbe p = bucket.tryConsumeAndReturnRemaining(1);
    return new Decision(
        p.isConsumed(),
        perMinute,
        p.getRemainingTokens(),
        seconds(p.getNanosToWaitForReset()),
        p.isConsumed() ? 0 : Math.max(1, seconds(p.getNanosToWaitForRefill())));
  }

  private static Bucket bucket(int perMinute, int burstPercent) {
    long capacity = perMinute + (long) Math.ceil(perMinute * burstPercent / 100.0);
    return Bucket.builder()
        .addLimit(l -> l.capacity(capacity).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .build();
  }

  private static long seconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  /**
   * The outcome of taking one request.
   *
   * @param allowed whether the request may go on
   * @param limit requests per minute, before burst headroom
   * @param remaining requests left right now, burst headroom included
   * @param resetSeconds seconds until the bucket is full again
   * @param retryAfterSeconds for a refused request, seconds until one more is allowed
   */
  record Decision(
      boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {}
}
