package dev.sluice.cli;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.dataplane.worker.WorkerConfig;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.expression.JsonataLanguage;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in Debian's Chromium against a real control plane and worker: sign in, build
 * generate -> mapping -> kafka with an inline error fixed, test on samples, save active, pick a
 * stored secret (and create one) for a Kafka password, watch the record count rise, edit, diff and
 * roll back a revision, tap records at the output and after the mapping, follow the live figures
 * and the history, replay dead letters of a stream whose mapping fails on some records, see the worker, and
 * as a viewer see no actions that change anything. Screenshots of
 * every page go to {@code target/ui-screenshots/}; any console error in the browser fails the test.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class WebUiIT {

  private static final String TOKEN = "sluice_ui-admin-token-0123456789abcdef";
  private static final String VIEWER_TOKEN = "sluice_ui-viewer-token-0123456789abcde";
  private static final Path SCREENSHOTS = Path.of("target/ui-screenshots");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Without the background-networking flags Chromium keeps calling home, which floods a closed network. */
  private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage");

  @TempDir Path state;

  @Test
  void buildTestSaveWatchAndRollBackAStreamInTheBrowser(EmbeddedKafka kafka, EmbeddedPostgres postgres)
      throws Exception {
    Files.createDirectories(SCREENSHOTS);
    List<String> consoleErrors = new CopyOnWriteArrayList<>();
    try (InstalledComponents installed = InstalledComponents.load(state.resolve("no-plugins"), line -> { });
        ControlPlane controlPlane = TestControlPlane.start(postgres.createDatabase("web_ui"), kafka, "join",
            Duration.ofSeconds(10), installed.catalog(), new EngineSampleRunner(installed.components()));
        Worker worker = new Worker(new WorkerConfig("127.0.0.1:" + controlPlane.grpcPort(), "ui-worker", "join", 4,
            state.resolve("worker"), "localhost", "test", 0, null, Map.of()), installed.components(),
            new JsonataLanguage(), new DefinitionReader(installed.catalog()));
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS))) {
      worker.start();
      controlPlane.tokens().ensureToken("ui-admin", TOKEN, Role.ADMIN, List.of("*"));
      controlPlane.tokens().ensureToken("ui-viewer", VIEWER_TOKEN, Role.VIEWER, List.of("*"));
      String base = "http://127.0.0.1:" + controlPlane.httpPort();
      Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
      page.onConsoleMessage(m -> {
        if (m.type().equals("error")) {
          consoleErrors.add(m.text());
        }
      });
      page.onPageError(consoleErrors::add);

      signIn(page, base);
      assertThat(consoleErrors).as("Chromium logs the refused sign-in's 401, and nothing else")
          .containsExactly("Failed to load resource: the server responded with a status of 401 (Unauthorized)");
      consoleErrors.clear();
      buildTestAndSave(page);
      pickASecretInTheBuilder(page, base);
      createAStreamWithFailingRecords(base);
      watchTheRecordCountRise(page);
      editDiffAndRollBack(page, base);
      seeLiveFiguresAndHistory(page);
      replayDeadLetters(page, base);
      seeTheWorker(page);
      aViewerSeesNoActions(page);

      assertThat(apiNotFound(base).statusCode()).as("the UI never answers for an API path").isEqualTo(404);
      assertThat(consoleErrors).as("browser console errors").isEmpty();
    }
  }

  private static void signIn(Page page, String base) {
    page.navigate(base + "/");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Sluice"))).isVisible();
    page.getByLabel("API token").fill("not-a-token");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByRole(AriaRole.ALERT)).containsText("not valid");
    screenshot(page, "login");
    page.getByLabel("API token").fill(TOKEN);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Streams"))).isVisible();
    assertThat(page.getByText("No streams yet")).isVisible();
    assertThat(page.getByText("ui-admin (admin)")).isVisible();
  }

  private static void buildTestAndSave(Page page) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New stream")).click();
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("numbers");
    page.getByLabel("Namespace", new Page.GetByLabelOptions().setExact(true)).fill("ui");
    page.getByLabel("Processor to add").selectOption("mapping");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add processor")).click();
    Locator settings = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Settings of processor mapping"));
    Locator expression = settings.getByLabel("expression");

    expression.fill("{\"n\": n, \"double\": n *}");
    Locator mappingButton = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Processor 1: mapping ⚠ 1"));
    assertThat(mappingButton).isVisible();
    assertThat(settings.locator(".error-detail")).containsText("syntax error");
    assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("1 problem");
    screenshot(page, "builder-invalid");

    expression.fill("{\"n\": n, \"double\": n * 2}");
    assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Valid");
    assertThat(settings.locator(".error-detail")).hasCount(0);
    assertThat(page.getByLabel("Stream YAML")).containsText("\"double\": n * 2");

    page.getByLabel("Sample records (one JSON value per line)").fill("{\"n\": 1}\n{\"n\": 21}");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test").setExact(true)).click();
    Locator output = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Test output"));
    assertThat(output).containsText("{\"n\":1,\"double\":2}");
    assertThat(output).containsText("{\"n\":21,\"double\":42}");
    screenshot(page, "builder-tested");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save active")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("ui/numbers"))).isVisible();
    assertThat(page.getByText("Desired: active")).isVisible();
  }

  private static void watchTheRecordCountRise(Page page) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Streams")).click();
    Locator recordsOut = page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("stream ui/numbers"))
        .locator("td[data-label='records out']");
    await().atMost(Duration.ofSeconds(90)).until(() -> Long.parseLong(recordsOut.innerText().strip()) > 0);
    long first = Long.parseLong(recordsOut.innerText().strip());
    await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(recordsOut.innerText().strip()) > first);
    screenshot(page, "streams");
    page.getByLabel("Filter").fill("no-such-stream");
    assertThat(page.getByText("No stream matches")).isVisible();
    page.getByLabel("Filter").fill("ui/num");
    assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("stream ui/numbers"))).isVisible();
  }

  private static void editDiffAndRollBack(Page page, String base) {
    page.navigate(base + "/streams/ui/numbers");
    assertThat(page.locator(".react-flow__node")).hasText(new String[] {"input: generate", "1. mapping", "output: kafka"});
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit in the builder")).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Processor 1: mapping")).click();
    Locator expression = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions()
        .setName("Settings of processor mapping")).getByLabel("expression");
    assertThat(expression).hasValue("{\"n\": n, \"double\": n * 2}");
    expression.fill("{\"n\": n, \"triple\": n * 3}");
    assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Valid");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save active")).click();

    Locator yaml = page.getByLabel("Stream YAML (read-only)");
    assertThat(yaml).containsText("triple");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Diff revision 1 with current")).click();
    Locator diff = page.getByLabel("Changes from revision 1 to the current document");
    assertThat(diff).containsText("- ");
    assertThat(diff.locator(".removed")).containsText("double");
    assertThat(diff.locator(".added")).containsText("triple");
    screenshot(page, "detail-diff");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back to revision 1")).click();
    assertThat(page.getByText("Rolled back to revision 1")).isVisible();
    assertThat(yaml).containsText("double");
    assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("revision 3").setExact(true))).isVisible();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start tap")).click();
    Locator tapped = page.getByLabel("Tapped records");
    assertThat(tapped).containsText("\"double\":", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
    screenshot(page, "detail");

    page.locator(".react-flow__node").filter(new Locator.FilterOptions().setHasText("1. mapping")).click();
    assertThat(page.getByLabel("Point")).hasValue("p0-mapping");
    assertThat(page.getByText("These are samples, not every record.")).isVisible();
    assertThat(tapped).containsText("\"double\":", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
    screenshot(page, "detail-tap-stage");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop tap")).click();
  }

  /**
   * A new stream whose Kafka output logs in with SASL: in a namespace with no secrets the password's
   * picker says so and creates one inline; a plain-text value is flagged; in a namespace that holds
   * a secret (stored through the API) the picker lists it, and the saved document refers to it.
   */
  private static void pickASecretInTheBuilder(Page page, String base) throws Exception {
    HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/api/v1/secrets/vault/kafka-password"))
        .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("kafka-pass-1")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New stream")).click();
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("secured");
    page.getByLabel("Namespace", new Page.GetByLabelOptions().setExact(true)).fill("sealed");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Output: kafka")).click();
    Locator picker = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Settings of output kafka"))
        .getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Secret for password"));
    Locator password = picker.getByRole(AriaRole.COMBOBOX);
    Locator yaml = page.getByLabel("Stream YAML");

    assertThat(picker).containsText("Namespace sealed has no secrets yet: create one below.");
    screenshot(page, "builder-secret-none");
    picker.getByLabel("Secret name").fill("sealed-password");
    picker.getByLabel("Secret value").fill("sealed-pass-1");
    picker.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create and use")).click();
    assertThat(password).hasValue("sealed-password");
    assertThat(yaml).containsText("password: ${secret:sealed-password}");

    password.selectOption(new SelectOption().setLabel("Plain text, typed here"));
    picker.getByLabel("Plain-text value of password").fill("typed-in-the-clear");
    assertThat(picker.getByRole(AriaRole.NOTE)).hasText("Stored in the stream document in plain text; use a secret.");
    assertThat(yaml).containsText("password: typed-in-the-clear");
    screenshot(page, "builder-secret-plain");

    page.getByLabel("Namespace", new Page.GetByLabelOptions().setExact(true)).fill("vault");
    assertThat(picker).containsText("Choose a secret of vault (1 stored).");
    password.selectOption("kafka-password");
    assertThat(picker).containsText("The stream document holds ${secret:kafka-password}");
    assertThat(picker.getByRole(AriaRole.NOTE)).hasCount(0);
    screenshot(page, "builder-secret");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save paused")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("vault/secured"))).isVisible();
    assertThat(page.getByLabel("Stream YAML (read-only)")).containsText("password: ${secret:kafka-password}");
    HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/api/v1/streams/vault/secured"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(saved.body()).contains("password: ${secret:kafka-password}").doesNotContain("typed-in-the-clear");
  }

  /** Through the API: a mapping that gives nothing for every third record, whose records go to dead letters. */
  private static void createAStreamWithFailingRecords(String base) throws Exception {
    String failing = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: failing, namespace: ui}
        spec:
          input: {generate: {template: '{"n": $seq}', count: 6}}
          pipeline:
            processors:
              - mapping: 'n % 3 = 0 ? missing : {"n": n}'
          output: {kafka: {topic: ui-failing-out}}
          errors: {policy: dead-letter}
        """;
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams"))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(failing)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private static void seeLiveFiguresAndHistory(Page page) {
    assertThat(page.getByText("● live")).isVisible();
    Locator out = page.locator("dd[data-figure='out']");
    await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(out.innerText().strip()) > 0);
    Locator history = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("History"));
    assertThat(history).containsText("Rolled back to revision 1 (as revision 3)");
    assertThat(history).containsText("Saved revision 2 (active)");
    assertThat(history).containsText("Created (revision 1, active)");
    assertThat(history).containsText("Instance 0 running");
  }

  private static void replayDeadLetters(Page page, String base) {
    page.navigate(base + "/streams/ui/failing");
    assertThat(page.locator("dd[data-figure='dead-lettered']")).hasText("2",
        new LocatorAssertions.HasTextOptions().setTimeout(60_000));
    Locator letters = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Dead letters"));
    letters.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Load dead letters")).click();
    Locator list = letters.getByLabel("Dead letter list");
    assertThat(list.locator("li")).hasCount(2);
    assertThat(list).containsText("mapping produced no value");
    assertThat(list).containsText("{\"n\":3}");
    Locator boxes = list.getByRole(AriaRole.CHECKBOX);
    boxes.nth(0).check();
    boxes.nth(1).check();
    letters.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay selected (2)")).click();
    assertThat(letters.getByRole(AriaRole.STATUS, new Locator.GetByRoleOptions().setName("Replay outcome")))
        .containsText("replayed 2 dead letters");
    assertThat(list).containsText("replayed to");
    assertThat(boxes).hasCount(0);
    assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("History")))
        .containsText("Replayed 2 dead letters", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
    screenshot(page, "detail-dead-letters");
  }

  private static void seeTheWorker(Page page) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Workers")).click();
    Locator row = page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("worker ui-worker"));
    assertThat(row).containsText("s ago");
    screenshot(page, "workers");
  }

  private static void aViewerSeesNoActions(Page page) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    page.getByLabel("API token").fill(VIEWER_TOKEN);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByText("ui-viewer (viewer)")).isVisible();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New stream"))).hasCount(0);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Streams")).click();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("ui/numbers")).click();
    assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("revision 1").setExact(true))).isVisible();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back to revision 1")))
        .hasCount(0);
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit in the builder"))).hasCount(0);
    screenshot(page, "detail-viewer");
  }

  /** A browser-like request (accepting HTML) for an API path no route has: the API's 404, not the UI. */
  private static HttpResponse<String> apiNotFound(String base) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/no-such-route"))
        .header("Accept", "text/html").header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
