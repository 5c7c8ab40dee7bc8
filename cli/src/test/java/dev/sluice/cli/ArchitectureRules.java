package dev.sluice.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The dependency rules of DESIGN.md section 5, for the packages below {@code root}; the tests
 * apply them to Sluice ({@code dev.sluice}) and to a fixture that breaks each of them.
 */
final class ArchitectureRules {

  private ArchitectureRules() {}

  /** {@code api} depends on the JDK, slf4j and itself only. */
  static ArchRule apiStandsAlone(String root) {
    return classes().that().resideInAPackage(root + ".api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", root + ".api..")
        .because("plugins compile against api and must not pull the engine in");
  }

  /** Connectors and processors use the api, never the engine, and never each other. */
  static ArchRule pluginsUseOnlyTheApi(String root) {
    String[] plugins = {root + ".connectors..", root + ".processors.."};
    ArchRule noEngine = noClasses().that().resideInAnyPackage(plugins)
        .should().dependOnClassesThat(resideInAPackage(root + "..")
            .and(not(resideInAnyPackage(root + ".api..", root + ".connectors..", root + ".processors.."))))
        .because("a connector or processor must run from its own class loader with only the api shared");
    ArchRule independent = slices().matching(root + ".(connectors|processors).(*)..")
        .should().notDependOnEachOther()
        .allowEmptyShould(true);
    return CompositeArchRule.of(noEngine).and(independent);
  }

  /** Nothing depends on the control plane, the data plane or the CLI but the CLI itself. */
  static ArchRule runtimesAreLeaves(String root) {
    ArchRule rule = null;
    for (String leaf : new String[] {"controlplane", "dataplane", "cli"}) {
      String leafPackage = root + "." + leaf + "..";
      ArchRule leafRule = noClasses()
          .that(resideInAPackage(root + "..")
              .and(not(resideInAnyPackage(leafPackage, root + ".cli.."))))
          .should().dependOnClassesThat().resideInAPackage(leafPackage)
          .allowEmptyShould(true)
          .because(leaf + " is a runtime: modules below it must not reach up into it");
      rule = rule == null ? leafRule : CompositeArchRule.of(rule).and(leafRule);
    }
    return rule;
  }
}
