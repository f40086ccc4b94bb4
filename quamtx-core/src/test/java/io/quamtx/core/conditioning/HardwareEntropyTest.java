package io.quamtx.core.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.health.HealthTestedSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each output block is HMAC-SHA-256 under the published key of exactly the block's raw bytes. */
class HardwareEntropyTest {
  /** Simulated 8-bit source claiming 4 bits per sample; keeps every byte it hands out. */
  private static final class RecordingSource implements EntropySource {
    final ByteArrayOutputStream given = new ByteArrayOutputStream();
    private final Random random = new Random(31);

    @Override
    public String id() {
      return "simulated-recording";
    }

    @Override
    public SourceClass sourceClass() {
      return SourceClass.HARDWARE;
    }

    @Override
    public int sampleBits() {
      return 8;
    }

    @Override
    public double claimedMinEntropy() {
      return 4.0;
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration deadline) {
      byte[] b = new byte[len];
      random.nextBytes(b);
      System.arraycopy(b, 0, buf, off, len);
      given.write(b, 0, len);
      return len;
    }

    @Override
    public void close() {}
  }

  @Test
  void blocksAreTheJceHmacOfTheLastRawBytes() throws Exception {
    RecordingSource source = new RecordingSource();
    HardwareEntropy entropy = new HardwareEntropy(HealthTestedSource.wrap(source));
    assertEquals(80, entropy.rawBytesPerBlock(), "(256 + 64) bits at 4 bits per byte");
    byte[] out = new byte[50];
    entropy.nextBytes(out, Duration.ofSeconds(5));

    byte[] all = source.given.toByteArray();
    byte[] raw = Arrays.copyOfRange(all, all.length - 160, all.length);
    Mac jce = Mac.getInstance("HmacSHA256");
    jce.init(
        new SecretKeySpec(
            "quamtx/conditioning/hmac-sha256/v1".getBytes(StandardCharsets.US_ASCII),
            "HmacSHA256"));
    byte[] first = jce.doFinal(Arrays.copyOfRange(raw, 0, 80));
    byte[] second = jce.doFinal(Arrays.copyOfRange(raw, 80, 160));
    byte[] want = new byte[50];
    System.arraycopy(first, 0, want, 0, 32);
    System.arraycopy(second, 0, want, 32, 18);
    assertArrayEquals(want, out);
  }

  @Test
  void blocksStayTheJceHmacAcrossTheMoveToTheJdkDigest() throws Exception {
    RecordingSource source = new RecordingSource();
    HardwareEntropy entropy = new HardwareEntropy(HealthTestedSource.wrap(source));
    Mac jce = Mac.getInstance("HmacSHA256");
    jce.init(
        new SecretKeySpec(
            "quamtx/conditioning/hmac-sha256/v1".getBytes(StandardCharsets.US_ASCII),
            "HmacSHA256"));
    int blocks = 10;
    byte[] out = new byte[blocks * 32];
    int calls = HmacSha256.OWN_DIGEST_MESSAGES / blocks + 3;
    for (int call = 0; call < calls; call++) {
      assertEquals(
          call * blocks >= HmacSha256.OWN_DIGEST_MESSAGES, entropy.onJdkDigest(), "" + call);
      entropy.nextBytes(out, Duration.ofSeconds(5));
      byte[] all = source.given.toByteArray();
      byte[] raw = Arrays.copyOfRange(all, all.length - blocks * 80, all.length);
      for (int b = 0; b < blocks; b++) {
        byte[] want = jce.doFinal(Arrays.copyOfRange(raw, b * 80, b * 80 + 80));
        assertArrayEquals(want, Arrays.copyOfRange(out, b * 32, b * 32 + 32), call + "/" + b);
      }
    }
    assertTrue(entropy.onJdkDigest());
  }
}
