package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.definitions.ComponentCatalog;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md section 5, checked on the compiled classes. */
class ArchitectureTest {

  private static final JavaClasses SLUICE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.sluice");

  private static final String FIXTURE = "dev.sluice.cli.fixture";

  private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void apiStandsAlone() {
    ArchitectureRules.apiStandsAlone("dev.sluice").check(SLUICE);
    assertThatThrownBy(() -> ArchitectureRules.apiStandsAlone(FIXTURE).check(BROKEN))
        .hasMessageContaining("fixture.api.LeakyModel");
  }

  @Test
  void pluginsUseOnlyTheApi() {
    ArchitectureRules.pluginsUseOnlyTheApi("dev.sluice").check(SLUICE);
    assertThatThrownBy(() -> ArchitectureRules.pluginsUseOnlyTheApi(FIXTURE).check(BROKEN))
        .hasMessageContaining("fixture.connectors.leaky.LeakyConnector");
  }

  @Test
  void runtimesAreLeaves() {
    ArchitectureRules.runtimesAreLeaves("dev.sluice").check(SLUICE);
    assertThatThrownBy(() -> ArchitectureRules.runtimesAreLeaves(FIXTURE).check(BROKEN))
        .hasMessageContaining("fixture.definitions.ReachesUp");
  }

  @Test
  void everyComponentProviderIsRegisteredForServiceLoader() {
    var registered = ServiceLoader.load(ComponentProvider.class).stream()
        .map(p -> p.type().getName()).toList();
    var implemented = SLUICE.stream()
        .filter(c -> c.isAssignableTo(ComponentProvider.class) && !c.isInterface())
        .map(JavaClass::getName).toList();

    assertThat(implemented).isNotEmpty();
    assertThat(registered).containsExactlyInAnyOrderElementsOf(implemented);
    assertThat(ComponentCatalog.load(getClass().getClassLoader()).all()).hasSameSizeAs(implemented);
  }
}
