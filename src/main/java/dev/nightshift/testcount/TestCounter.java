package dev.nightshift.testcount;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts the tests in JUnit XML reports (Surefire, pytest {@code --junitxml}, Jest and Vitest junit
 * reporters, go-junit-report, PHPUnit {@code --log-junit}, node's junit reporter, any JUnit XML). A
 * gate that cannot count tests cannot tell a run that ran none.
 */
final class TestCounter {

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // Reports come from code the agent wrote: no DTDs, no external entities.
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private TestCounter() {
    }

    /** The sum over the JUnit XML {@code files} (relative to {@code dir}); files that are no report are passed over. */
    static Optional<TestCounts> fromFiles(Path dir, Collection<Path> files) {
        TestCounts total = null;
        for (Path file : files) {
            Optional<TestCounts> counts = readReport(dir.resolve(file));
            if (counts.isPresent()) {
                total = total == null ? counts.get() : total.plus(counts.get());
            }
        }
        return Optional.ofNullable(total);
    }

    /**
     * One JUnit XML file: its {@code <testcase>} elements are counted (nested suites never count
     * twice); a file that has none but says {@code tests="N"} on its root is taken at its word.
     */
    static Optional<TestCounts> readReport(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            boolean root = true;
            int cases = 0;
            int failed = 0;
            int errors = 0;
            int skipped = 0;
            boolean inCase = false;
            String caseOutcome = null;
            TestCounts rootAttributes = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (root) {
                        if (!name.equals("testsuite") && !name.equals("testsuites")) {
                            return Optional.empty();
                        }
                        rootAttributes = attributes(xml);
                        root = false;
                    } else if (name.equals("testcase")) {
                        inCase = true;
                        caseOutcome = null;
                        cases++;
                    } else if (inCase && caseOutcome == null
                            && (name.equals("failure") || name.equals("error") || name.equals("skipped"))) {
                        caseOutcome = name;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("testcase")) {
                    if ("failure".equals(caseOutcome)) failed++;
                    if ("error".equals(caseOutcome)) errors++;
                    if ("skipped".equals(caseOutcome)) skipped++;
                    inCase = false;
                }
            }
            if (cases > 0) {
                return Optional.of(new TestCounts(cases, failed, errors, skipped, "JUnit XML"));
            }
            return Optional.ofNullable(rootAttributes);
        } catch (IOException | XMLStreamException | RuntimeException notAReport) {
            return Optional.empty();
        }
    }

    private static TestCounts attributes(XMLStreamReader xml) {
        String tests = xml.getAttributeValue(null, "tests");
        if (tests == null) {
            return null;
        }
        return new TestCounts(number(tests), number(xml.getAttributeValue(null, "failures")),
                number(xml.getAttributeValue(null, "errors")), number(xml.getAttributeValue(null, "skipped")),
                "JUnit XML");
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : (int) Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
