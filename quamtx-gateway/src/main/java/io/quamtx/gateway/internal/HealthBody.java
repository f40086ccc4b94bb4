package io.quamtx.gateway.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quamtx.gateway.HealthReport;
import java.time.Instant;

/** The JSON body of {@code GET /health}. */
final class HealthBody {
  private HealthBody() {}

  static ObjectNode of(HealthReport report) {
    ObjectNode n = Exchange.JSON.createObjectNode();
    n.put("status", report.healthy() ? "ok" : "unhealthy");
    ArrayNode unhealthy = n.putArray("unhealthy");
    ObjectNode parts = n.putObject("parts");
    for (HealthReport.Part p : report.parts()) {
      parts.putObject(p.name()).put("healthy", p.healthy()).put("detail", p.detail());
      if (!p.healthy()) {
        unhealthy.add(p.name());
      }
    }
    n.put("last_checkpoint", report.lastCheckpoint().map(Instant::toString).orElse(null));
    return n;
  }
}
