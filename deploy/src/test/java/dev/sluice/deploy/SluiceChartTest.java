package dev.sluice.deploy;

import static dev.sluice.deploy.RenderedObjects.container;
import static dev.sluice.deploy.RenderedObjects.env;
import static dev.sluice.deploy.RenderedObjects.envNames;
import static dev.sluice.deploy.RenderedObjects.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The chart in {@code charts/sluice}: {@code helm lint --strict}, and {@code helm template} with
 * the default values and with the values files in this module's test resources, asserting on the
 * objects Kubernetes would get. Helm runs in-process (helm-java's native library); no cluster.
 */
class SluiceChartTest {

  private static final Path CHART = Path.of(System.getProperty("sluice.chart", "../charts/sluice"));
  private static final String JOIN_TOKEN = "join-token-for-the-chart-test";
  /** 32 bytes, base64, as openssl rand -base64 32 prints them. */
  private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void defaultsRenderAControlPlaneAndTwoWorkersWithTheirOwnSecret() {
    RenderedObjects objects = render(withSecrets(template("sluice")));

    assertThat(objects.names()).containsExactlyInAnyOrder(
        "ConfigMap/sluice", "Secret/sluice", "Deployment/sluice-control-plane", "Service/sluice-control-plane",
        "StatefulSet/sluice-worker", "Service/sluice-worker");
    assertThat(objects.get("Deployment", "sluice-control-plane").path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(objects.get("StatefulSet", "sluice-worker").path("spec").path("replicas").asInt()).isEqualTo(2);

    JsonNode config = objects.get("ConfigMap", "sluice").path("data");
    assertThat(config.path("SLUICE_KAFKA").asText()).isEqualTo("kafka:9092");
    assertThat(config.path("SLUICE_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/sluice");
    assertThat(config.path("SLUICE_CONTROL_PLANE").asText()).isEqualTo("sluice-control-plane:7070");

    JsonNode secret = objects.get("Secret", "sluice").path("data");
    assertThat(decode(secret, "SLUICE_JOIN_TOKEN")).isEqualTo(JOIN_TOKEN);
    assertThat(decode(secret, "SLUICE_SECRET_KEY")).isEqualTo(SECRET_KEY);
    assertThat(decode(secret, "SLUICE_DB_PASSWORD")).isEmpty();
  }

  @Test
  void anAdminTokenGoesIntoTheSecretAndTheControlPlaneOnly() {
    String adminToken = "a".repeat(40);
    RenderedObjects objects = render(withSecrets(template("sluice")).set("secrets.adminToken", adminToken));

    assertThat(decode(objects.get("Secret", "sluice").path("data"), "SLUICE_ADMIN_TOKEN")).isEqualTo(adminToken);
    JsonNode fromSecret = env(container(objects.get("Deployment", "sluice-control-plane")), "SLUICE_ADMIN_TOKEN")
        .path("valueFrom").path("secretKeyRef");
    assertThat(fromSecret.path("key").asText()).isEqualTo("SLUICE_ADMIN_TOKEN");
    assertThat(fromSecret.path("optional").asBoolean()).as("absent without secrets.adminToken").isTrue();
    assertThat(envNames(container(objects.get("StatefulSet", "sluice-worker")))).doesNotContain("SLUICE_ADMIN_TOKEN");
    assertThat(render(withSecrets(template("sluice"))).get("Secret", "sluice").path("data").has("SLUICE_ADMIN_TOKEN"))
        .isFalse();
  }

  @Test
  void withoutASecretOrItsValuesTheTemplateSaysWhichValueToSet() {
    assertThatThrownBy(() -> template("sluice").call())
        .hasMessageContaining("secrets.joinToken is empty")
        .hasMessageContaining("secrets.existingSecret");
    assertThatThrownBy(() -> template("sluice").set("secrets.joinToken", JOIN_TOKEN).call())
        .hasMessageContaining("secrets.secretKey is empty")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void theControlPlaneReadsItsSettingsAndSecretsAndIsProbedOnHealthAndReadiness() {
    JsonNode deployment = render(withSecrets(template("sluice"))).get("Deployment", "sluice-control-plane");
    JsonNode container = container(deployment);

    assertThat(texts(container.path("args"))).startsWith("coordinator").contains(
        "--db-url=$(SLUICE_DB_URL)", "--kafka=$(SLUICE_KAFKA)", "--replication-factor=$(SLUICE_REPLICATION_FACTOR)",
        "--http-port=8080", "--grpc-port=7070");
    assertThat(container.path("envFrom").path(0).path("configMapRef").path("name").asText()).isEqualTo("sluice");
    for (String key : new String[] {"SLUICE_DB_PASSWORD", "SLUICE_JOIN_TOKEN", "SLUICE_SECRET_KEY"}) {
      JsonNode ref = env(container, key).path("valueFrom").path("secretKeyRef");
      assertThat(ref.path("name").asText()).isEqualTo("sluice");
      assertThat(ref.path("key").asText()).isEqualTo(key);
    }
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
    assertThat(container.path("resources").path("requests").path("memory").asText()).isEqualTo("512Mi");
    assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("1Gi");
    assertLockedDown(deployment);
  }

  @Test
  void workersAreNamedAfterTheirPodsAndGetTheJoinTokenOnly() {
    RenderedObjects objects = render(withSecrets(template("sluice")));
    JsonNode workers = objects.get("StatefulSet", "sluice-worker");
    JsonNode container = container(workers);

    assertThat(texts(container.path("args"))).startsWith("worker").contains(
        "--name=$(POD_NAME)", "--control-plane=$(SLUICE_CONTROL_PLANE)", "--capacity=32",
        "--metrics-port=9400", "--ingest-port=8081", "--state-dir=/var/lib/sluice/state");
    assertThat(env(container, "POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText())
        .isEqualTo("metadata.name");
    assertThat(envNames(container)).contains("SLUICE_JOIN_TOKEN")
        .doesNotContain("SLUICE_SECRET_KEY", "SLUICE_DB_PASSWORD");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/metrics");
    assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("metrics");
    assertThat(container.path("resources").path("requests").path("cpu").asText()).isEqualTo("500m");

    String serviceName = workers.path("spec").path("serviceName").asText();
    JsonNode governing = objects.get("Service", serviceName);
    assertThat(governing.path("spec").path("clusterIP").asText()).isEqualTo("None");
    assertThat(governing.path("spec").path("selector"))
        .isEqualTo(workers.path("spec").path("selector").path("matchLabels"));
    assertLockedDown(workers);
  }

  @Test
  void productionValuesScaleUseTheGivenSecretAndAddIngressAndServiceMonitors() {
    RenderedObjects objects = render(template("prod").withValuesFile(resource("production-values.yaml")));

    assertThat(objects.find("Secret", "prod-sluice")).isEmpty();
    JsonNode deployment = objects.get("Deployment", "prod-sluice-control-plane");
    JsonNode workers = objects.get("StatefulSet", "prod-sluice-worker");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(workers.path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(container(deployment).path("image").asText()).isEqualTo("registry.example.com/sluice:1.2.3");
    assertThat(texts(container(workers).path("args"))).contains("--capacity=64");
    assertThat(container(workers).path("resources").path("limits").path("memory").asText()).isEqualTo("4Gi");
    assertThat(env(container(deployment), "SLUICE_SECRET_KEY").path("valueFrom").path("secretKeyRef")
        .path("name").asText()).isEqualTo("sluice-credentials");
    assertThat(env(container(workers), "SLUICE_JOIN_TOKEN").path("valueFrom").path("secretKeyRef")
        .path("name").asText()).isEqualTo("sluice-credentials");
    assertThat(objects.get("ConfigMap", "prod-sluice").path("data").path("SLUICE_DB_USER").asText())
        .isEqualTo("sluice_app");

    JsonNode ingress = objects.get("Ingress", "prod-sluice-control-plane").path("spec");
    assertThat(ingress.path("ingressClassName").asText()).isEqualTo("nginx");
    assertThat(ingress.path("rules").path(0).path("host").asText()).isEqualTo("sluice.prod.example.com");
    assertThat(ingress.path("rules").path(0).path("http").path("paths").path(0).path("backend").path("service")
        .path("name").asText()).isEqualTo("prod-sluice-control-plane");
    assertThat(ingress.path("tls").path(0).path("secretName").asText()).isEqualTo("sluice-tls");

    JsonNode cpMonitor = objects.get("ServiceMonitor", "prod-sluice-control-plane");
    JsonNode workerMonitor = objects.get("ServiceMonitor", "prod-sluice-worker");
    assertThat(cpMonitor.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
    assertThat(cpMonitor.path("spec").path("endpoints").path(0).path("port").asText()).isEqualTo("http");
    assertThat(workerMonitor.path("spec").path("endpoints").path(0).path("port").asText()).isEqualTo("metrics");
    assertThat(workerMonitor.path("spec").path("selector").path("matchLabels"))
        .isEqualTo(workers.path("spec").path("selector").path("matchLabels"));
  }

  @Test
  void ingressAndServiceMonitorsAreOffByDefault() {
    RenderedObjects objects = render(withSecrets(template("sluice")));

    assertThat(objects.ofKind("Ingress")).isEmpty();
    assertThat(objects.ofKind("ServiceMonitor")).isEmpty();
  }

  @Test
  void theSchemaRefusesAMisspeltKeyAndWrongTypes() {
    assertThatThrownBy(() -> template("sluice").withValuesFile(resource("misspelt-values.yaml")).call())
        .hasMessageContaining("worker");
    assertThatThrownBy(() -> template("sluice").withValuesFile(resource("bad-database-values.yaml")).call())
        .hasMessageContaining("/postgres/url")
        .hasMessageContaining("/kafka/replicationFactor");
  }

  /** Pods run as a non-root user, with a read-only root file system, no privileges and /tmp. */
  private static void assertLockedDown(JsonNode workload) {
    JsonNode pod = workload.path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
    assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = container(workload).path("securityContext");
    assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(texts(container.path("capabilities").path("drop"))).containsExactly("ALL");
    assertThat(container(workload).path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
  }

  private static TemplateCommand template(String release) {
    return new Helm(CHART).template().withName(release).withNamespace("streaming");
  }

  private static TemplateCommand withSecrets(TemplateCommand template) {
    return template.set("secrets.joinToken", JOIN_TOKEN).set("secrets.secretKey", SECRET_KEY);
  }

  private static RenderedObjects render(TemplateCommand template) {
    return RenderedObjects.parse(template.call());
  }

  private static String decode(JsonNode secretData, String key) {
    return new String(Base64.getDecoder().decode(secretData.path(key).asText()));
  }

  private static Path resource(String name) {
    try {
      return Path.of(SluiceChartTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
