package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NearMissTest {

    private static final String SECRET = "sqx0cltqba402z7z";

    @Test
    void everyFacetDiffersFromTheSecret() {
        for (NearMiss m : NearMiss.values()) {
            assertThat(m.apply(SECRET).value()).as(m.name()).hasValueSatisfying(v -> assertThat(v).isNotEqualTo(SECRET));
        }
    }

    @Test
    void eachFacetIsTheNearMissItNames() {
        assertThat(NearMiss.FIRST_CHANGED.apply(SECRET).value()).hasValue("tqx0cltqba402z7z");
        assertThat(NearMiss.LAST_CHANGED.apply(SECRET).value()).hasValue("sqx0cltqba402z7a");
        assertThat(NearMiss.CASE_CHANGED.apply(SECRET).value()).hasValue("SQX0CLTQBA402Z7Z");
        assertThat(NearMiss.LAST_DROPPED.apply(SECRET).value()).hasValue("sqx0cltqba402z7");
        assertThat(NearMiss.ONE_APPENDED.apply(SECRET).value()).hasValue("sqx0cltqba402z7za");
        assertThat(NearMiss.FIRST_HALF.apply(SECRET).value()).hasValue("sqx0cltq");
        assertThat(NearMiss.WHITESPACE_AROUND.apply(SECRET).value()).hasValue(" " + SECRET + " ");
    }

    @Test
    void aSecretWithoutLettersHasNoCaseFacetAndSaysWhy() {
        NearMiss.Result r = NearMiss.CASE_CHANGED.apply("0123456789");
        assertThat(r.value()).isEmpty();
        assertThat(r.notApplicable()).contains("no letters");
        assertThat(NearMiss.FIRST_CHANGED.apply("0123456789").value()).hasValue("1123456789");
    }

    @Test
    void theFeaturesWordsFindTheirFacet() {
        for (NearMiss m : NearMiss.values()) {
            assertThat(NearMiss.byWords(m.words())).hasValue(m);
            assertThat(m.words()).matches(NearMiss.wordsPattern());
        }
    }
}
