package dev.nightshift.config;

import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.secret.MaskedMessageConverter;
import dev.nightshift.secret.SecretMasker;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared infrastructure beans that come from the settings: the clock, what counts as a
 * secret, and what environment children may see. {@link Home} and {@link NightshiftSettings}
 * are registered by whoever starts the context.
 */
@Configuration(proxyBeanMethods = false)
class NightshiftBeans {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** The values of every variable that holds a credential nightshift knows of. */
    @Bean
    SecretMasker secretMasker(NightshiftSettings settings) {
        Set<String> names = new LinkedHashSet<>(settings.agent().env());
        names.addAll(ProcessEnvironment.NEVER);
        if (settings.mail().smtp() != null) {
            names.add(settings.mail().smtp().passwordEnv());
        }
        if (settings.notifications().tokenEnv() != null) {
            names.add(settings.notifications().tokenEnv());
        }
        names.removeAll(ProcessEnvironment.BASE);
        SecretMasker masker = SecretMasker.forVariables(names, System.getenv());
        MaskedMessageConverter.use(masker);
        return masker;
    }

    @Bean
    ProcessEnvironment processEnvironment(NightshiftSettings settings) {
        Set<String> never = new LinkedHashSet<>();
        if (settings.mail().smtp() != null) {
            never.add(settings.mail().smtp().passwordEnv());
        }
        if (settings.notifications().tokenEnv() != null) {
            never.add(settings.notifications().tokenEnv());
        }
        return ProcessEnvironment.ofSystem(never);
    }

    @Bean
    Sandbox sandbox(Home home, NightshiftSettings settings, ProcessEnvironment environment) {
        return SandboxChoice.of(home, settings, environment);
    }
}
