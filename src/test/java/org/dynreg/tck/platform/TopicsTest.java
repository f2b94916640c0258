package org.dynreg.tck.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void wildcardsMatchAsInMqtt() {
        assertThat(Topics.matches("#", "/$system/P/D/password_reply")).isTrue();
        assertThat(Topics.matches("/$system/P/+/password_reply", "/$system/P/D/password_reply")).isTrue();
        assertThat(Topics.matches("/$system/P/+/password_reply", "/$system/Q/D/password_reply")).isFalse();
        assertThat(Topics.matches("/$system/P/#", "/$system/P")).isTrue();
        assertThat(Topics.matches("/P/D/set", "/P/D/set/x")).isFalse();
    }

    @Test
    void thePasswordTopicNamesItsDevice() {
        assertThat(Topics.passwordTopicOwner("/$system/P/D/password")).containsExactly("P", "D");
        assertThat(Topics.passwordTopicOwner("/$system/P/D/password_reply")).isNull();
        assertThat(Topics.passwordTopicOwner("/$system//D/password")).isNull();
    }
}
