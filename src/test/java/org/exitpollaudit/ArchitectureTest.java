package org.exitpollaudit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies run one way, from the command line down to the statistics:
 *
 * <pre>
 * application → ops → job → staging → report → calibration → analysis → reconcile → ingest → stats, election, model
 * </pre>
 *
 * A package may use any package below it and none above it; {@code stats}, {@code election} and {@code model} (the
 * types several layers share: data issues, input files, the version, exit codes) use no other package of the
 * project. Calibration (synthetic elections) sits between the report, which cites its table, and the analysis it
 * simulates; reconcile checks what ingest read, so it may use ingest but not the reverse. Only the production classes
 * are checked (tests may reach across layers to set up a case).
 */
class ArchitectureTest {

    /** Top to bottom; each layer may use only the layers after it. */
    static final List<String> ORDER = List.of("application", "ops", "job", "staging", "report", "calibration", "analysis",
            "reconcile", "ingest");
    /** The bottom: used by everything above, using no package of the project themselves. */
    static final List<String> FOUNDATION = List.of("stats", "election", "model");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // what Spring's ahead-of-time processing generates into target/classes in mvn package (Foo__BeanDefinitions)
            .withImportOption(location -> !location.matches(java.util.regex.Pattern.compile(".*/[^/]*__[^/]*\\.class")))
            .importPackages("org.exitpollaudit");

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layers().check(CLASSES);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.exitpollaudit.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void statisticsUseNoSpring() {
        noClasses().that().resideInAPackage("org.exitpollaudit.stats..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    /** Spring scans only the packages the application class names: a bean anywhere else would never be created. */
    @Test
    void beansLiveInThePackagesSpringScans() {
        classes().that().areMetaAnnotatedWith(org.springframework.stereotype.Component.class)
                .and().doNotHaveFullyQualifiedName(ExitPollAuditApplication.class.getName())
                .should().resideInAnyPackage(ExitPollAuditApplication.JOB + "..", ExitPollAuditApplication.STAGING + "..",
                        ExitPollAuditApplication.OPS + "..")
                .check(CLASSES);
    }

    /** Guards the guard: every package of the project is in a layer, so a new one cannot slip past the rules. */
    @Test
    void everyPackageIsInALayer() {
        List<String> known = new ArrayList<>(ORDER.subList(1, ORDER.size()));
        known.addAll(FOUNDATION);
        CLASSES.forEach(c -> {
            String pkg = c.getPackageName();
            assertTrue(pkg.equals("org.exitpollaudit") || known.stream().map(l -> "org.exitpollaudit." + l)
                    .anyMatch(l -> pkg.equals(l) || pkg.startsWith(l + ".")),
                    () -> c.getName() + " is in a package no layer of ArchitectureTest names");
        });
    }

    private static LayeredArchitecture layers() {
        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("application").definedBy("org.exitpollaudit");
        for (String l : ORDER.subList(1, ORDER.size())) {
            arch = arch.layer(l).definedBy("org.exitpollaudit." + l + "..");
        }
        for (String l : FOUNDATION) {
            arch = arch.layer(l).definedBy("org.exitpollaudit." + l + "..");
        }
        for (int i = 0; i < ORDER.size(); i++) {
            List<String> below = new ArrayList<>(ORDER.subList(i + 1, ORDER.size()));
            below.addAll(FOUNDATION);
            arch = arch.whereLayer(ORDER.get(i)).mayOnlyAccessLayers(below.toArray(String[]::new));
        }
        for (String l : FOUNDATION) {
            arch = arch.whereLayer(l).mayNotAccessAnyLayer();
        }
        return arch;
    }
}
