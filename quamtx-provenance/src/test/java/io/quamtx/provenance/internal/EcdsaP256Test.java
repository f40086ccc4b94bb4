package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ECDSA P-256 verification with the JDK: RFC 6979 appendix A.2.5 answers, strict DER. */
class EcdsaP256Test {
  // RFC 6979 A.2.5: the P-256 key, and its SHA-256 signatures of "sample" and "test".
  private static final String UX =
      "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
  private static final String UY =
      "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
  private static final String[][] SIGNATURES = {
    {
      "sample",
      "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
      "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"
    },
    {
      "test",
      "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
      "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"
    }
  };
  private static final BigInteger N =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  static byte[] rfc6979Key() throws Exception {
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
    ECPoint w = new ECPoint(new BigInteger(UX, 16), new BigInteger(UY, 16));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec)).getEncoded();
  }

  static byte[] der(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(4 + rb.length + sb.length);
    out.write(0x02);
    out.write(rb.length);
    out.writeBytes(rb);
    out.write(0x02);
    out.write(sb.length);
    out.writeBytes(sb);
    return out.toByteArray();
  }

  @Test
  void rfc6979SignaturesVerifyAndOthersDoNot() throws Exception {
    byte[] spki = rfc6979Key();
    for (String[] v : SIGNATURES) {
      byte[] msg = v[0].getBytes(StandardCharsets.US_ASCII);
      BigInteger r = new BigInteger(v[1], 16);
      BigInteger s = new BigInteger(v[2], 16);
      assertTrue(EcdsaP256.verify(spki, msg, der(r, s)), v[0]);
      assertFalse(EcdsaP256.verify(spki, "other".getBytes(StandardCharsets.US_ASCII), der(r, s)));
      assertFalse(EcdsaP256.verify(spki, msg, der(r, s.add(BigInteger.ONE))));
      assertFalse(EcdsaP256.verify(spki, msg, der(r, s.add(N))), "s + n is out of range");
    }
  }

  @Test
  void nonMinimalOrTrailingEncodingsOfAValidSignatureAreRejected() throws Exception {
    byte[] spki = rfc6979Key();
    byte[] msg = "sample".getBytes(StandardCharsets.US_ASCII);
    byte[] good = der(new BigInteger(SIGNATURES[0][1], 16), new BigInteger(SIGNATURES[0][2], 16));
    assertTrue(EcdsaP256.verify(spki, msg, good));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertFalse(EcdsaP256.verify(spki, msg, trailing), "trailing byte");
    trailing[1]++;
    assertFalse(EcdsaP256.verify(spki, msg, trailing), "trailing byte inside the sequence");
    assertFalse(EcdsaP256.verify(spki, msg, padR(good)), "r with a needless leading zero");
    assertFalse(EcdsaP256.verify(spki, msg, new byte[0]));
    byte[] p1363 = new byte[64];
    assertFalse(EcdsaP256.verify(spki, msg, p1363), "raw r||s is not the chosen encoding");
  }

  /** The same signature with one more 0x00 in front of r. */
  private static byte[] padR(byte[] der) {
    int rLen = der[3];
    byte[] out = new byte[der.length + 1];
    out[0] = 0x30;
    out[1] = (byte) (der[1] + 1);
    out[2] = 0x02;
    out[3] = (byte) (rLen + 1);
    out[4] = 0;
    System.arraycopy(der, 4, out, 5, der.length - 4);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp384r1", "secp256k1"})
  void keysOnOtherCurvesAreNotP256(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    try {
      g.initialize(new ECGenParameterSpec(curve));
    } catch (java.security.InvalidAlgorithmParameterException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, curve + " unsupported by this JDK");
    }
    assertNull(EcdsaP256.parsePublicKey(g.generateKeyPair().getPublic().getEncoded()));
  }
}
