package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify: in nightshift.yml, read strictly; a bad value is named by file, line and key, a secret never repeated. */
class NotifySettingsTests {

    @TempDir
    Path dir;

    private NightshiftSettings global(String yaml) throws Exception {
        Files.writeString(dir.resolve("nightshift.yml"), yaml);
        return SettingsFiles.readGlobal(new Home(dir));
    }

    private String file() {
        return dir.resolve("nightshift.yml").toString();
    }

    @Test
    void withoutNotifyNothingIsPostedAndSlackIsTheDefaultShape() throws Exception {
        assertThat(global("budget: {daily-usd: 3}\n").notifications().enabled()).isFalse();
        NotifySettings notify = global("notify:\n  webhook: https://hooks.example.com/T000/B000\n").notifications();
        assertThat(notify.enabled()).isTrue();
        assertThat(notify.format()).isEqualTo(NotifySettings.Format.SLACK);
        assertThat(notify.tokenEnv()).isNull();
        assertThat(notify.where()).isEqualTo("https://hooks.example.com");
    }

    @Test
    void eachFormatAndTheTokenVariableAreRead() throws Exception {
        NotifySettings notify = global("notify: {webhook: \"http://127.0.0.1:8080/topic\", token-env: NTFY_TOKEN, format: ntfy}\n")
                .notifications();
        assertThat(notify.format()).isEqualTo(NotifySettings.Format.NTFY);
        assertThat(notify.tokenEnv()).isEqualTo("NTFY_TOKEN");
        assertThat(global("notify: {webhook: \"https://discord.com/api/webhooks/1/x\", format: discord}\n").notifications()
                .format()).isEqualTo(NotifySettings.Format.DISCORD);
    }

    @Test
    void aWebhookThatIsNotAnHttpUrlIsNamedWithoutRepeatingIt() {
        for (String bad : new String[] {"hooks.example.com/T000/Bsecret", "ftp://hooks.example.com/Bsecret", "https:///Bsecret"}) {
            assertThatThrownBy(() -> global("budget: {daily-usd: 3}\nnotify:\n  webhook: \"" + bad + "\"\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(file() + ":3: notify.webhook: is not an http or https URL with a host")
                    .message().doesNotContain("Bsecret");
        }
    }

    @Test
    void anUnknownFormatOrKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("notify:\n  webhook: https://hooks.example.com/x\n  format: teams\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ":3: notify.format: \"teams\" is not one of slack | discord | ntfy");
        assertThatThrownBy(() -> global("notify:\n  webhook: https://hooks.example.com/x\n  token: abc\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file() + ":3: notify.token: unknown key (known here: format, token-env, webhook)");
    }

    @Test
    void aTokenWrittenWhereItsVariableBelongsIsNotRepeated() {
        assertThatThrownBy(() -> global("notify:\n  webhook: https://hooks.example.com/x\n  token-env: xoxb-12345-secret\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file() + ":3: notify.token-env: is not an environment variable name")
                .message().doesNotContain("xoxb");
    }

    @Test
    void theTokenVariableNeverReachesTheAgent() {
        assertThatThrownBy(() -> global("agent: {env: [ANTHROPIC_API_KEY, HOOK_TOKEN]}\n"
                + "notify: {webhook: \"https://hooks.example.com/x\", token-env: HOOK_TOKEN}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.env[1]: HOOK_TOKEN holds the webhook token (notify.token-env) and never"
                        + " reaches the agent");
    }
}
