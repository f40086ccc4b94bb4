package io.quamtx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyGenerationTest {

  @Test
  void keysComeFromTheQuamtxProviderAndWork() throws Exception {
    KeyGeneration.Keys keys = KeyGeneration.generate();

    assertEquals("QUAMTX", keys.randomProvider());
    assertEquals(32, keys.aes().getEncoded().length);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(keys.ed25519().getPrivate());
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(keys.ed25519().getPublic());
    verifier.update(new byte[] {1, 2, 3});
    assertTrue(verifier.verify(signature));
  }

  @Test
  void twoRunsGiveDifferentKeys() throws Exception {
    byte[] first = KeyGeneration.generate().aes().getEncoded();
    byte[] second = KeyGeneration.generate().aes().getEncoded();

    assertFalse(Arrays.equals(first, second));
  }
}
