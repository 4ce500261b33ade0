package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mail}: every address the owner writes is checked; the default sender is known good. */
class MailSettingsTests {

    @Test
    void theDefaultSenderWhichIsNotCheckedWhenReadIsAnAddressTheMailLibraryAccepts() throws Exception {
        new InternetAddress(MailSettings.DEFAULT_FROM, true).validate();
        assertThat(MailSettings.defaults().from()).isEqualTo(MailSettings.DEFAULT_FROM);
    }

    @Test
    void aSenderOrRecipientTheOwnerWroteIsStillChecked() {
        assertThatThrownBy(() -> new MailSettings(null, "not an address", null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("\"not an address\" is not an email address");
        assertThatThrownBy(() -> new MailSettings(List.of("owner@example.com", "owner at example"), null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("\"owner at example\" is not an email address");
        assertThat(new MailSettings(List.of("owner@example.com"), "night@example.com", null, null).from())
                .isEqualTo("night@example.com");
    }
}
