package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Prints the plan {@code POST /api/v1/apply} answers: one line per stream (what was done, or in a
 * dry run what would be), drift reasons, diffs, and a summary line.
 */
final class PlanPrinter {

  private PlanPrinter() {}

  /** One line per stream and a summary, as {@code sluice apply} prints them. */
  static void lines(PrintWriter out, JsonNode plan) {
    for (JsonNode item : plan.path("items")) {
      String id = item.path("namespace").asText() + "/" + item.path("name").asText();
      String action = item.path("action").asText();
      if (!item.path("drift").isNull() && !item.path("applied").asBoolean() && !action.equals("unchanged")) {
        out.println("held back  " + id + " (" + action + "): " + item.path("drift").asText());
      } else {
        String revision = item.path("revision").isNull() ? "" : " (revision " + item.path("revision").asLong() + ")";
        out.printf("%-10s %s%s%n", plan.path("dryRun").asBoolean() ? "would " + action : past(action), id,
            revision);
      }
    }
    out.println(summary(plan));
  }

  /** The diff of every changed stream, drift reasons as comment lines; nothing when none changes. */
  static void diffs(PrintWriter out, JsonNode plan) {
    for (JsonNode item : plan.path("items")) {
      if (!item.path("drift").isNull() && !item.path("action").asText().equals("unchanged")) {
        out.println("# " + item.path("drift").asText());
      }
      out.print(item.path("diff").asText());
    }
  }

  static String summary(JsonNode plan) {
    JsonNode s = plan.path("summary");
    boolean dryRun = plan.path("dryRun").asBoolean();
    String line = "apply set " + plan.path("applySet").asText() + ": "
        + s.path("create").asLong() + (dryRun ? " to create, " : " created, ")
        + s.path("update").asLong() + (dryRun ? " to update, " : " updated, ")
        + s.path("delete").asLong() + (dryRun ? " to delete, " : " deleted, ")
        + s.path("unchanged").asLong() + " unchanged";
    if (s.path("heldBack").asLong() > 0) {
      line += ", " + s.path("heldBack").asLong() + " held back by drift (changed outside the set; --force "
          + "overwrites)";
    }
    return line + (dryRun ? " (dry run: nothing changed)" : "");
  }

  private static String past(String action) {
    return switch (action) {
      case "create" -> "created";
      case "update" -> "updated";
      case "delete" -> "deleted";
      default -> action;
    };
  }
}
