package io.quamtx.cli;

import io.quamtx.core.assess.Assessment;
import io.quamtx.core.assess.EntropyAssessment;
import io.quamtx.core.assess.Estimate;
import io.quamtx.core.assess.IidTests;
import io.quamtx.core.assess.PermutationResult;
import io.quamtx.core.assess.Samples;
import io.quamtx.jca.Assessments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx assess FILE --bits N}: the SP 800-90B entropy assessment of recorded samples (one
 * per byte), with the same estimators and figures as NIST's reference tool. Exit 0 with a result, 2
 * on bad input (missing file, samples wider than {@code --bits}, fewer than 1,000).
 */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    description = "SP 800-90B entropy assessment of a file of samples, one per byte.")
final class AssessCommand implements Callable<Integer> {
  @ParentCommand QuamtxCommand parent;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "Samples, one per byte (or use --source).")
  Path file;

  @Option(
      names = "--source",
      paramLabel = "ID",
      description = "Collect raw samples from this live source instead of a file.")
  String source;

  @Option(
      names = "--samples",
      defaultValue = "1000000",
      paramLabel = "N",
      description = "Samples to collect with --source (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--bits", required = true, paramLabel = "N", description = "Bits per sample.")
  int bits;

  @ArgGroup(exclusive = true)
  Track track;

  @Option(names = "--conditioned", description = "Assess as conditioned output (h', 3.1.5.2).")
  boolean conditioned;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--shuffles",
      defaultValue = "10000",
      paramLabel = "N",
      description = "IID permutation rounds (default: ${DEFAULT-VALUE}, the standard's).")
  int shuffles;

  @Option(names = "--seed", paramLabel = "S", description = "Shuffle seed, for repeatable runs.")
  Long seed;

  /** Which track to run. */
  static final class Track {
    @Option(names = "--iid", description = "The IID track (section 5).")
    boolean iid;

    @Option(names = "--non-iid", description = "The non-IID track (section 6.3), the default.")
    boolean nonIid;
  }

  @Override
  public Integer call() throws Exception {
    if (shuffles < 1) {
      throw new IllegalArgumentException("--shuffles " + shuffles + ": must be at least 1");
    }
    Samples samples = samples();
    boolean iid = track != null && track.iid;
    long start = System.nanoTime();
    Assessment a =
        iid
            ? EntropyAssessment.iid(samples, conditioned, seed(), shuffles)
            : EntropyAssessment.nonIid(samples, conditioned);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(json ? Json.writePretty(toMap(samples, a, seconds)) : table(samples, a));
    if (source != null && !conditioned) {
      remember(a, samples);
    }
    return 0;
  }

  /** Samples an assessment needs before it may become a source's claim. */
  private static final int CLAIM_SAMPLES = 1_000_000;

  /**
   * Saves a live source's assessment as its min-entropy claim for later draws, unless the IID
   * track's tests rejected the IID assumption (its figure then does not hold).
   */
  private void remember(Assessment a, Samples samples) throws java.io.IOException {
    if (samples.size() < CLAIM_SAMPLES) {
      System.err.printf(
          "quamtx: fewer than %d samples (SP 800-90B 3.1.1); the claim of %s is unchanged%n",
          CLAIM_SAMPLES, source);
      return;
    }
    if (a.iid().isPresent() && !a.iid().get().passed()) {
      System.err.println("quamtx: IID tests failed; the claim of " + source + " is unchanged");
      return;
    }
    String basis =
        String.format(
            java.util.Locale.ROOT,
            "%s track, %d samples of %d bits, H=%.6f, %s",
            a.track(),
            samples.size(),
            a.bits(),
            a.minEntropy(),
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Path saved = Assessments.save(parent.home(), source, a.bits(), a.minEntropy(), basis);
    System.err.println("quamtx: " + source + " now claims the assessed figure (" + saved + ")");
  }

  private Samples samples() throws Exception {
    if ((file == null) == (source == null)) {
      throw new IllegalArgumentException("give either a sample FILE or --source, not both");
    }
    if (source != null) {
      return Samples.of(LiveSamples.collect(source, count, bits), bits);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("sample file " + file + " not found");
    }
    return Samples.read(file, bits);
  }

  private long seed() {
    return seed != null ? seed : new SecureRandom().nextLong();
  }

  private String table(Samples s, Assessment a) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s track, %d samples of %d bits, %d distinct%s%n",
            a.track(), s.size(), s.bits(), s.distinct(), a.conditioned() ? ", conditioned" : ""));
    rows(out, "Literal", a.literal());
    rows(out, "Bitstring", a.bitstring());
    a.iid().ifPresent(t -> iidRows(out, t));
    out.append(String.format("H_original:  %s%n", number(a.hOriginal())));
    out.append(String.format("H_bitstring: %s%n", number(a.hBitstring())));
    out.append(String.format("min-entropy: %.6f bits per sample", a.minEntropy()));
    if (a.iid().isPresent() && !a.iid().get().passed()) {
      out.append(String.format("%n(IID tests failed: use the non-IID track's figure)"));
    }
    return out.toString();
  }

  private static void rows(StringBuilder out, String label, List<Estimate> estimates) {
    for (Estimate e : estimates) {
      out.append(
          String.format(
              "%-9s %-11s p-hat %.6f  p_u %.6f  H %.6f%n",
              label, e.estimator(), e.pHat(), e.pUpper(), e.minEntropy()));
    }
  }

  private static void iidRows(StringBuilder out, IidTests t) {
    out.append(
        String.format(
            "chi-square independence T %.6f df %d p %.6f; goodness of fit T %.6f df %d p %.6f:"
                + " %s%n",
            t.chiSquareIndependence(),
            t.chiSquareIndependenceDf(),
            t.chiSquareIndependenceP(),
            t.chiSquareFit(),
            t.chiSquareFitDf(),
            t.chiSquareFitP(),
            verdict(t.chiSquarePassed())));
    out.append(
        String.format(
            "LRS W %d P_col %.6f Pr(X>=1) %.6f: %s%n",
            t.lrsLength(), t.lrsCollision(), t.lrsProbability(), verdict(t.lrsPassed())));
    for (PermutationResult p : t.permutation()) {
      out.append(
          String.format(
              "permutation %-22s %.6g  C0 %d C1 %d C2 %d%s%n",
              p.statistic(),
              p.original(),
              p.greater(),
              p.equal(),
              p.less(),
              p.passed() ? "" : "  FAILED"));
    }
    out.append(String.format("permutation tests: %s%n", verdict(t.permutationPassed())));
  }

  private static String verdict(boolean passed) {
    return passed ? "passed" : "failed";
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.6f", v);
  }

  private Map<String, Object> toMap(Samples s, Assessment a, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(source != null ? "source" : "file", source != null ? source : file.toString());
    m.put("track", a.track());
    m.put("conditioned", a.conditioned());
    m.put("samples", s.size());
    m.put("bits", s.bits());
    m.put("distinct", s.distinct());
    m.put("literal", estimates(a.literal()));
    m.put("bitstring", estimates(a.bitstring()));
    m.put("h_original", Double.isNaN(a.hOriginal()) ? null : a.hOriginal());
    m.put("h_bitstring", Double.isNaN(a.hBitstring()) ? null : a.hBitstring());
    m.put("min_entropy", a.minEntropy());
    a.iid().ifPresent(t -> m.put("iid", iidMap(t)));
    m.put("seconds", seconds);
    return m;
  }

  private static List<Map<String, Object>> estimates(List<Estimate> list) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Estimate e : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("estimator", e.estimator());
      m.put("p_hat", e.pHat());
      m.put("p_u", e.pUpper());
      m.put("min_entropy", e.minEntropy());
      m.put("details", new LinkedHashMap<>(e.details()));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> iidMap(IidTests t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "chi_square_independence",
        List.of(
            t.chiSquareIndependence(), t.chiSquareIndependenceDf(), t.chiSquareIndependenceP()));
    m.put(
        "chi_square_goodness_of_fit",
        List.of(t.chiSquareFit(), t.chiSquareFitDf(), t.chiSquareFitP()));
    m.put("lrs", List.of(t.lrsLength(), t.lrsCollision(), t.lrsProbability()));
    m.put("permutation", t.permutation());
    m.put("chi_square_passed", t.chiSquarePassed());
    m.put("lrs_passed", t.lrsPassed());
    m.put("permutation_passed", t.permutationPassed());
    m.put("passed", t.passed());
    return m;
  }
}
