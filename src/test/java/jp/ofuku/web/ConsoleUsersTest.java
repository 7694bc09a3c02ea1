package jp.ofuku.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.ops.Audit;
import jp.ofuku.support.DatabaseTest;

class ConsoleUsersTest extends DatabaseTest {

    @Autowired
    ConsoleUsers users;
    @Autowired
    Audit audit;

    @Test
    void passwordsAreHashedRulesHoldTheLastSupervisorStaysAndEveryChangeIsAudited() {
        users.add("cli:root", "yamada", "supervisor", "a long enough secret");
        String hash = jdbc.queryForObject("SELECT password_hash FROM console_users WHERE username = 'yamada'", String.class);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("secret");
        assertThat(users.encoder().matches("a long enough secret", hash)).isTrue();

        assertThatThrownBy(() -> users.add("yamada", "sato", "operator", "short")).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> users.add("yamada", "sato", "operator", "sato-is-my-password")).hasMessageContaining("user name");
        assertThatThrownBy(() -> users.add("yamada", "Sato Taro", "operator", "a long enough secret")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> users.add("yamada", "sato", "admin", "a long enough secret")).hasMessageContaining("operator or supervisor");
        assertThatThrownBy(() -> users.add("yamada", "yamada", "operator", "another long secret")).hasMessageContaining("already");
        assertThatThrownBy(() -> users.update("yamada", "yamada", "operator", true)).hasMessageContaining("last supervisor");
        assertThatThrownBy(() -> users.update("yamada", "yamada", "supervisor", false)).hasMessageContaining("last supervisor");

        users.add("yamada", "sato", "operator", "a long enough secret");
        users.update("yamada", "sato", "supervisor", true);
        users.update("sato", "yamada", "operator", true);
        assertThat(users.supervisors()).isEqualTo(1);
        assertThat(users.find("yamada").orElseThrow().role()).isEqualTo("operator");

        assertThat(audit.recent(10, "", "user.")).extracting(Audit.Entry::action)
                .containsExactly("user.update", "user.update", "user.add", "user.add");
        assertThat(audit.recent(10, "sato", "")).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("yamada");
            assertThat(e.before()).isEqualTo("supervisor");
            assertThat(e.after()).isEqualTo("operator");
        });
    }
}
