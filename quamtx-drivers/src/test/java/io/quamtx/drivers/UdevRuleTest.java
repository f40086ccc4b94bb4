package io.quamtx.drivers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quamtx.drivers.serial.OneRngDriver;
import io.quamtx.drivers.serial.TrueRngDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The udev rule template covers every device the drivers know, with a group and a mode. */
class UdevRuleTest {
  private static final Path RULES = Path.of("../docs/udev/90-quamtx.rules");
  private static final Pattern TTY_RULE =
      Pattern.compile(
          "SUBSYSTEM==\"tty\", ATTRS\\{idVendor\\}==\"(\\w{4})\", ATTRS\\{idProduct\\}==\"(\\w{4})\","
              + " GROUP=\"quamtx\", MODE=\"0660\", ENV\\{ID_MM_DEVICE_IGNORE\\}=\"1\".*");

  @Test
  void everySerialDeviceHasAGroupRuleThatKeepsModemManagerAway() throws Exception {
    assumeTrue(Files.exists(RULES), "run from the module directory; test skipped");
    List<String> lines = Files.readAllLines(RULES);
    Set<String> covered = new HashSet<>();
    for (String line : lines) {
      Matcher m = TTY_RULE.matcher(line);
      if (m.matches()) {
        covered.add(m.group(1) + ":" + m.group(2));
      }
    }
    Set<String> wanted = new HashSet<>(TrueRngDriver.USB_IDS);
    wanted.addAll(OneRngDriver.USB_IDS);
    assertTrue(covered.containsAll(wanted), "rules cover " + covered + ", drivers know " + wanted);
    assertTrue(lines.contains("KERNEL==\"hwrng\", GROUP=\"quamtx\", MODE=\"0640\""));
  }
}
