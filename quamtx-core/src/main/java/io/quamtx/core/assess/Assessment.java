package io.quamtx.core.assess;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of an SP 800-90B entropy assessment.
 *
 * @param track {@code non-IID} or {@code IID}
 * @param conditioned whether the data was assessed as conditioned output (section 3.1.5.2)
 * @param bits the declared sample width n
 * @param literal the estimates on the samples themselves (empty when conditioned)
 * @param bitstring the estimates on the bitstring (empty for binary samples, initial mode)
 * @param hOriginal H_original, or NaN when not computed
 * @param hBitstring H_bitstring per bit, or NaN when not computed
 * @param minEntropy the assessed min-entropy per sample: {@code min(n, H_original, n *
 *     H_bitstring)} for the initial assessment (section 3.1.3; a submitter's claim is not
 *     included), {@code n * h'} for conditioned data
 * @param iid the IID-track test results, present only on that track
 */
public record Assessment(
    String track,
    boolean conditioned,
    int bits,
    List<Estimate> literal,
    List<Estimate> bitstring,
    double hOriginal,
    double hBitstring,
    double minEntropy,
    Optional<IidTests> iid) {

  /** Copies the lists so the record stays immutable. */
  public Assessment {
    literal = List.copyOf(literal);
    bitstring = List.copyOf(bitstring);
  }

  /** The estimate of the given name on the literal samples, if it ran. */
  public Optional<Estimate> literal(String estimator) {
    return literal.stream().filter(e -> e.estimator().equals(estimator)).findFirst();
  }

  /** The estimate of the given name on the bitstring, if it ran. */
  public Optional<Estimate> bitstring(String estimator) {
    return bitstring.stream().filter(e -> e.estimator().equals(estimator)).findFirst();
  }
}
