package io.quamtx.jca;

import io.quamtx.core.EntropySource;
import io.quamtx.core.ForwardingSource;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Properties;

/**
 * SP 800-90B assessments of live sources, kept under {@code HOME/assessments/}, one file per source
 * id. A source's draws then claim the assessed min-entropy instead of the driver's default, and
 * their records name the assessment as the basis of the figure.
 *
 * <p>An assessment only applies to a source whose sample width is the one assessed. Files are
 * written to a temporary name, synced and renamed, so a reader sees the old or the new one whole.
 */
public final class Assessments {
  private static final String DIR = "assessments";

  private Assessments() {}

  /**
   * Records that {@code sourceId}'s raw samples of {@code bits} bits were assessed at {@code
   * minEntropy} bits per sample.
   *
   * @param basis how, on one line, e.g. the track, sample count, date and data hash
   * @throws IllegalArgumentException when the figure is outside (0, bits]
   * @throws IOException when the file cannot be written
   */
  public static Path save(Path home, String sourceId, int bits, double minEntropy, String basis)
      throws IOException {
    if (!(minEntropy > 0) || minEntropy > bits) {
      throw new IllegalArgumentException(
          "assessed min-entropy " + minEntropy + " outside (0, " + bits + "]");
    }
    Properties p = new Properties();
    p.setProperty("source", sourceId);
    p.setProperty("bits", Integer.toString(bits));
    p.setProperty("min_entropy", Double.toString(minEntropy));
    p.setProperty("basis", basis.replace('\n', ' '));
    Path dir = Files.createDirectories(home.resolve(DIR));
    Path file = dir.resolve(fileName(sourceId));
    StringWriter text = new StringWriter();
    p.store(text, "SP 800-90B assessment of a live source");
    Path tmp = Files.createTempFile(dir, ".assessment", ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    return file;
  }

  /**
   * {@code source}, opened from {@code spec}, with the claim of the assessment saved under that
   * spec (or else under the source's id), or {@code source} itself when there is none for its
   * sample width.
   *
   * @throws IllegalStateException when a saved assessment cannot be read; a claim is never guessed
   */
  public static EntropySource apply(Path home, String spec, EntropySource source) {
    Path file = home.resolve(DIR).resolve(fileName(spec));
    if (!Files.isRegularFile(file)) {
      file = home.resolve(DIR).resolve(fileName(source.id()));
    }
    if (!Files.isRegularFile(file)) {
      return source;
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      p.load(in);
      int bits = Integer.parseInt(p.getProperty("bits"));
      double h = Double.parseDouble(p.getProperty("min_entropy"));
      if (bits != source.sampleBits() || !(h > 0) || h > bits) {
        return source;
      }
      return new Assessed(source, h, "sp800-90b assessment: " + p.getProperty("basis"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the assessment " + file + ": " + e, e);
    }
  }

  private static String fileName(String sourceId) {
    StringBuilder name = new StringBuilder();
    for (char c : sourceId.toLowerCase(Locale.ROOT).toCharArray()) {
      name.append(Character.isLetterOrDigit(c) ? c : '_');
    }
    return name + ".properties";
  }

  /** A source whose claim and basis come from a saved assessment. */
  private static final class Assessed extends ForwardingSource {
    private final double minEntropy;
    private final String basis;

    Assessed(EntropySource source, double minEntropy, String basis) {
      super(source);
      this.minEntropy = minEntropy;
      this.basis = basis;
    }

    @Override
    public double claimedMinEntropy() {
      return minEntropy;
    }

    @Override
    public String minEntropyBasis() {
      return basis;
    }
  }
}
