package jp.ofuku.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import jp.ofuku.support.ConsoleClient;
import jp.ofuku.support.DatabaseTest;

/**
 * The console's controllers through its security, on the real context: who may open and post
 * what, forms refused without their CSRF token, and a form's mistakes said on the page in one
 * line (the browser test walks the same pages end to end, slowly).
 */
class ConsolePagesTest extends DatabaseTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ConsoleUsers users;

    ConsoleClient web;

    @BeforeEach
    void twoUsers() {
        web = new ConsoleClient(context);
        users.add("test", "sato", "supervisor", ConsoleClient.PASSWORD);
        users.add("test", "ito", "operator", ConsoleClient.PASSWORD);
    }

    private int status(String user, String path) throws Exception {
        return web.as(user, MockMvcRequestBuilders.get(path), new MockHttpSession()).getResponse().getStatus();
    }

    @Test
    void everyPageWantsASignInAndSupervisorsPagesWantASupervisor() throws Exception {
        MvcResult anonymous = web.as(null, MockMvcRequestBuilders.get("/").accept("text/html"), new MockHttpSession());
        assertThat(anonymous.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(status(null, "/login")).isEqualTo(200);
        for (String page : new String[] {"/", "/review", "/runs", "/residents"}) {
            assertThat(status("ito", page)).as("operator: " + page).isEqualTo(200);
            assertThat(status("sato", page)).as("supervisor: " + page).isEqualTo(200);
        }
        for (String page : new String[] {"/users", "/audit", "/audit.csv", "/sessions"}) {
            assertThat(status("ito", page)).as("operator: " + page).isEqualTo(403);
            assertThat(status("sato", page)).as("supervisor: " + page).isEqualTo(200);
        }
        assertThat(status("sato", "/review/987654")).as("no such review item").isEqualTo(404);
        assertThat(status("sato", "/runs/987654/report")).as("no such run").isEqualTo(404);

        MockHttpSession ito = new MockHttpSession();
        String token = ConsoleClient.token(web.as("ito", MockMvcRequestBuilders.get("/runs"), ito));
        assertThat(web.as("ito", MockMvcRequestBuilders.post("/runs/start").param("job", "allocate").param("_csrf", token), ito)
                .getResponse().getStatus()).as("only supervisors start runs").isEqualTo(403);
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndAMistakeIsSaidInOneLine() throws Exception {
        MockHttpSession sato = new MockHttpSession();
        MvcResult page = web.as("sato", MockMvcRequestBuilders.get("/users"), sato);
        assertThat(web.as("sato", MockMvcRequestBuilders.post("/users").param("username", "kato").param("role", "operator")
                .param("password", "another long secret"), sato).getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(users.find("kato")).isEmpty();

        MvcResult shortPassword = web.as("sato", MockMvcRequestBuilders.post("/users").param("username", "kato").param("role", "operator")
                .param("password", "short").param("_csrf", ConsoleClient.token(page)), sato);
        assertThat((String) shortPassword.getFlashMap().get("error")).contains("at least 12");
        assertThat(users.find("kato")).isEmpty();

        MvcResult added = web.as("sato", MockMvcRequestBuilders.post("/users").param("username", "kato").param("role", "operator")
                .param("password", "another long secret").param("_csrf", ConsoleClient.token(page)), sato);
        assertThat((String) added.getFlashMap().get("done")).isEqualTo("user kato added as operator");
        assertThat(users.find("kato")).isPresent();

        MvcResult unknownJob = web.as("sato", MockMvcRequestBuilders.post("/runs/start").param("job", "format-disk")
                .param("_csrf", ConsoleClient.token(page)), sato);
        assertThat((String) unknownJob.getFlashMap().get("error")).as("a job the console does not start")
                .isEqualTo("no job 'format-disk' is started from here; these are: nightly, allocate, confirm, backup");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'user.add' AND target = 'kato'", Integer.class))
                .isEqualTo(1);
    }
}
