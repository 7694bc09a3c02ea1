package jp.ofuku.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jp.ofuku.ops.Refusal;

class ServerVersionTest {

    @Test
    void anOlderServerIsRefusedInOneLineAndTheTestedOnesAreTaken() {
        assertThatThrownBy(() -> ServerVersion.check(14, "14.12")).isInstanceOf(Refusal.class)
                .hasMessage("ofuku needs PostgreSQL 15 to 17; this server is PostgreSQL 14.12: upgrade it, or leave OFUKU_DB_URL"
                        + " empty to use the embedded PostgreSQL");
        assertThatCode(() -> ServerVersion.check(15, "15.18")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.check(17, "17.2")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.check(18, "18.1")).as("newer: a warning in the log").doesNotThrowAnyException();
    }
}
