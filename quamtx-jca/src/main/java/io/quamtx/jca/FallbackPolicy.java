package io.quamtx.jca;

/**
 * What a QUAMTX {@code SecureRandom} does when no hardware source is healthy.
 *
 * <p>Set with the system or security property {@code quamtx.fallback} ({@code deny} or {@code os})
 * for the shared engine, or with {@link QuamtxEngine.Builder#fallback}.
 */
public enum FallbackPolicy {
  /** Throw {@link QuamtxUnavailableException}; never return bytes. The default. */
  DENY,
  /** Seed from the operating system's generator, recorded with class {@code fallback}. */
  OS
}
