package org.dynreg.tck.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void thePasswordTopicNamesItsDevice() {
        assertThat(Topics.passwordTopicOwner("/$system/P/D/password")).containsExactly("P", "D");
        assertThat(Topics.passwordTopicOwner("/$system/P/D/password_reply")).isNull();
        assertThat(Topics.passwordTopicOwner("/$system//D/password")).isNull();
    }
}
