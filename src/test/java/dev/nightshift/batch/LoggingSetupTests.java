package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import dev.nightshift.phase.LogFiles;
import dev.nightshift.secret.MaskedMessageConverter;
import dev.nightshift.secret.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class LoggingSetupTests {

    private static final String SECRET = "s3cr3t-deploy-key-value";

    @AfterEach
    void forgetSecrets() {
        MaskedMessageConverter.use(SecretMasker.none());
        MDC.remove(LogFiles.KEY);
    }

    @Test
    void logbackFindsTheSetupThroughItsServiceFile() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LoggingSetup.class);
    }

    @Test
    void aBatchMessageReachesTheTerminalAndItsLogFileMaskedAndLibrariesSpeakOnlyWhenSomethingIsWrong(@TempDir Path dir)
            throws Exception {
        MaskedMessageConverter.use(SecretMasker.forVariables(List.of("DEPLOY_KEY"), Map.of("DEPLOY_KEY", SECRET)));
        Path logFile = dir.resolve("build-shop.log");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream before = System.err;
        LoggerContext context = new LoggerContext();
        // The MDC the batch writes the log file's name to: SLF4J's, which the process's logback context reads.
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
            LoggingSetup setup = new LoggingSetup();
            setup.setContext(context);
            assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

            MDC.put(LogFiles.KEY, logFile.toString());
            context.getLogger("dev.nightshift.build.Publish").info("pushed with {}", SECRET);
            context.getLogger("org.springframework.context.Something").info("library chatter");
            context.getLogger("org.springframework.context.Something").warn("library trouble");
            MDC.remove(LogFiles.KEY);
            context.getLogger("dev.nightshift.cli.Run").info("after the batch");
        } finally {
            context.stop();
            System.setErr(before);
        }

        String console = terminal.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("INFO  pushed with [secret]").contains("WARN  library trouble")
                .contains("after the batch").doesNotContain(SECRET).doesNotContain("library chatter");
        String file = Files.readString(logFile);
        assertThat(file).contains("INFO  [main] Publish: pushed with [secret]").contains("library trouble")
                .doesNotContain(SECRET).doesNotContain("after the batch");
    }
}
