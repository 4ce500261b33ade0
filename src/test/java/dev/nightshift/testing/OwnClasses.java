package dev.nightshift.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;

/**
 * nightshift's own main classes, for the architecture tests. Not the tests, and not the code
 * Spring writes at package time for the batch context ({@code *__BeanDefinitions}, the CGLIB
 * subclasses of configuration classes): a build leaves it in {@code target/classes}, where a later
 * {@code mvn verify} finds it before it is made again, and it refers to whatever the beans it
 * registers need.
 */
public final class OwnClasses {

    private static final Pattern GENERATED = Pattern.compile(".*/[^/]*(__|\\$\\$SpringCGLIB\\$\\$)[^/]*\\.class$");

    private OwnClasses() {
    }

    public static JavaClasses in(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(GENERATED))
                .importPackages(packages);
    }
}
