package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code compose/compose.yaml} is a valid Compose file (the compose-spec JSON Schema kept beside
 * it, see compose/README.md) and runs what Sluice needs: Kafka, Postgres with logical decoding,
 * Apicurio Registry, the control plane and two workers, health-checked, state in named volumes.
 */
class ComposeFileTest {

  private static final Path COMPOSE = Path.of(System.getProperty("sluice.compose", "../compose"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode compose = load(COMPOSE.resolve("compose.yaml"));
  private final JsonNode services = compose.path("services");

  @Test
  void isValidAgainstTheComposeSpecification() throws IOException {
    assertThat(violations(compose)).isEmpty();
  }

  @Test
  void theSchemaCatchesAMistake() throws IOException {
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.path("services").path("postgres")).put("helthcheck", "pg_isready");
    ((ObjectNode) broken.path("services").path("worker-1").path("depends_on").path("control-plane"))
        .put("condition", "service_ready");

    assertThat(violations(broken)).anyMatch(e -> e.contains("helthcheck"))
        .anyMatch(e -> e.contains("service_ready") || e.contains("condition"));
  }

  @Test
  void runsKafkaPostgresTheRegistryTheControlPlaneAndTwoWorkers() {
    assertThat(names(services)).containsExactlyInAnyOrder(
        "kafka", "postgres", "registry", "control-plane", "worker-1", "worker-2");
    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
    assertThat(services.path("registry").path("image").asText()).isEqualTo("apicurio/apicurio-registry:3.3.3");
    assertThat(texts(services.path("postgres").path("command"))).contains("wal_level=logical");
  }

  @Test
  void theControlPlaneAndWorkersRunTheSluiceImageWithTheirCommands() {
    JsonNode controlPlane = services.path("control-plane");
    assertThat(texts(controlPlane.path("command"))).startsWith("coordinator")
        .contains("--db-url=jdbc:postgresql://postgres:5432/sluice", "--kafka=kafka:9092");
    assertThat(names(controlPlane.path("environment")))
        .contains("SLUICE_DB_PASSWORD", "SLUICE_JOIN_TOKEN", "SLUICE_SECRET_KEY");
    assertThat(controlPlane.path("build").path("dockerfile").asText()).isEqualTo("Dockerfile");
    assertThat(condition(controlPlane, "kafka")).isEqualTo("service_healthy");
    assertThat(condition(controlPlane, "postgres")).isEqualTo("service_healthy");

    List<String> workerNames = new ArrayList<>();
    for (String worker : List.of("worker-1", "worker-2")) {
      JsonNode service = services.path(worker);
      assertThat(service.path("image")).isEqualTo(controlPlane.path("image"));
      assertThat(texts(service.path("command"))).startsWith("worker").contains("--control-plane=control-plane:7070");
      texts(service.path("command")).stream().filter(a -> a.startsWith("--name=")).forEach(workerNames::add);
      assertThat(condition(service, "control-plane")).as("%s waits for a healthy control plane", worker)
          .isEqualTo("service_healthy");
      assertThat(names(service.path("environment"))).containsExactly("SLUICE_JOIN_TOKEN");
    }
    assertThat(workerNames).as("stable, distinct worker names").containsExactly("--name=worker-1", "--name=worker-2");
  }

  @Test
  void everyServiceHasAHealthCheck() {
    for (String service : names(services)) {
      assertThat(texts(services.path(service).path("healthcheck").path("test")))
          .as("%s healthcheck", service).isNotEmpty();
    }
  }

  @Test
  void stateLivesInNamedVolumesEachDeclaredAndUsed() {
    List<String> mounted = new ArrayList<>();
    for (JsonNode service : services) {
      for (JsonNode volume : service.path("volumes")) {
        String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
        assertThat(source).as("a named volume, not a host path").doesNotStartWith(".").doesNotStartWith("/");
        mounted.add(source);
      }
    }
    assertThat(names(compose.path("volumes"))).containsExactlyInAnyOrderElementsOf(mounted)
        .contains("kafka-data", "postgres-data", "worker-1-state", "worker-2-state");
  }

  /** Every violation of the compose-spec schema, one message each. */
  private static List<String> violations(JsonNode document) throws IOException {
    ObjectNode schemaNode = (ObjectNode) JSON.readTree(COMPOSE.resolve("compose-spec.schema.json").toFile());
    // Its $id is relative ("compose_spec.json"), which the validator cannot use as a base IRI.
    schemaNode.remove("$id");
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);
    return schema.validate(document).stream().map(Error::toString).toList();
  }

  /**
   * The file as Compose reads it: YAML 1.1 with merge keys ({@code <<: *worker}) resolved, as a
   * JSON tree; no variables interpolated.
   */
  private static JsonNode load(Path file) {
    try {
      Map<String, Object> yaml = new Yaml().load(Files.readString(file));
      return JSON.valueToTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static String condition(JsonNode service, String dependency) {
    return service.path("depends_on").path(dependency).path("condition").asText();
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
