package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dynreg.tck.spec.Secret;
import org.junit.jupiter.api.Test;

class RedactedFixtureTest {

    @Test
    void everySecretValueIsMaskedCommentsAndLayoutKept() throws IOException {
        String original = Files.readString(Path.of("fixtures/embedded.yaml"));
        String redacted = RedactedFixture.redact(original, Map.of());

        assertThat(redacted).doesNotContain("sqx0cltqba402z7z", "m1k5yq8tqyt8a0rw", "obs3rv3r-pa55w0rd")
                .contains("productSecret: \"" + Secret.masked("sqx0cltqba402z7z") + "\"")
                .contains("password: \"" + Secret.masked("obs3rv3r-pa55w0rd") + "\"")
                .contains("# dynamic registration switched OFF");
        assertThat(redacted.lines().count()).isEqualTo(original.lines().count());
        assertThat(RedactedFixture.unmaskedSecretKeys(original))
                .containsExactly("product.productSecret", "productWithoutDynamicRegistration.productSecret", "observer.password");
        assertThat(RedactedFixture.unmaskedSecretKeys(redacted)).isEmpty();
    }

    @Test
    void anEnvironmentReferenceIsMaskedAsItsValueAndFlowStyleToo() {
        String fixture = """
                product: {productSN: p1, productSecret: "${PRODUCT_SECRET}"}
                observer:
                  password: 'pw-in-a-comment'   # pw-in-a-comment
                """;
        String redacted = RedactedFixture.redact(fixture, Map.of("PRODUCT_SECRET", "from-the-env-1"));
        assertThat(redacted).contains("productSecret: \"" + Secret.masked("from-the-env-1") + "\"}")
                .doesNotContain("pw-in-a-comment").contains("# " + Secret.masked("pw-in-a-comment"));
        assertThat(RedactedFixture.unmaskedSecretKeys(redacted)).isEmpty();
    }
}
