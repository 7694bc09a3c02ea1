package jp.ofuku.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import jp.ofuku.database.LocalNow;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.ConsoleClient;
import jp.ofuku.support.DatabaseTest;

/**
 * The desk's pages through the console's own security, on the real context and database: who
 * may open what, forms refused without their CSRF token, a refusal shown on the page in one
 * line, and a resident's page with their bookings, changes and pages in review.
 */
class DeskPagesTest extends DatabaseTest {

    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    ConsoleUsers users;
    @Autowired
    RegistryImport registry;

    @TempDir
    Path dir;

    ConsoleClient web;

    static final String PASSWORD = ConsoleClient.PASSWORD;

    @BeforeEach
    void aBookedTownAndTwoUsers() throws Exception {
        web = new ConsoleClient(context);
        town(dir).residents("W", "画面　%d", "ガメン", "active", "active").invited().replied("{1}", "W1").booked();
        // a page of W2's that went to review
        jdbc.update("""
                INSERT INTO received_files (sha256, original_name, bytes, kind, pages, status, stored_at, job_execution_id)
                VALUES ('sha-review', 'fax.tif', 1, 'tiff', 1, 'read', 'archive', 0)""");
        jdbc.update("""
                INSERT INTO review_items (sha256, page, reason, guess_form_code)
                SELECT 'sha-review', 1, 'some marks are neither clearly made nor clearly empty', form_code FROM invitations
                WHERE resident_id = 'W2'""");
        users.add("test", "sato", "supervisor", PASSWORD);
        users.add("test", "ito", "operator", PASSWORD);
    }

    private MvcResult as(String user, MockHttpServletRequestBuilder request, MockHttpSession session) throws Exception {
        return web.as(user, request, session);
    }

    private static String token(MvcResult page) throws Exception {
        return ConsoleClient.token(page);
    }

    @Test
    void theResidentsPageShowsTheDeskAndOperatorsMayNotCloseSessions() throws Exception {
        MockHttpSession ito = new MockHttpSession();
        MvcResult page = as("ito", MockMvcRequestBuilders.get("/residents").param("q", "W1"), ito);
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = page.getResponse().getContentAsString();
        assertThat(html).contains("id=\"bookings\"").contains("/residents/W1/move?wave=w&amp;dose=1").contains("name=\"reason\"");
        String w2 = as("ito", MockMvcRequestBuilders.get("/residents").param("q", "W2"), ito).getResponse().getContentAsString();
        assertThat(w2).as("a resident not booked: book by telephone, and their page in review").contains("/residents/W2/book")
                .contains("id=\"reviews\"").contains("neither clearly made");

        assertThat(as("ito", MockMvcRequestBuilders.get("/sessions"), ito).getResponse().getStatus()).isEqualTo(403);
        assertThat(as("ito", MockMvcRequestBuilders.post("/sessions/1/cancel").param("_csrf", token(page)), ito).getResponse().getStatus())
                .as("closing a session is a supervisor's").isEqualTo(403);
        assertThat(as("sato", MockMvcRequestBuilders.get("/sessions"), new MockHttpSession()).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndARefusalIsShownInOneLine() throws Exception {
        MockHttpSession ito = new MockHttpSession();
        MvcResult page = as("ito", MockMvcRequestBuilders.get("/residents").param("q", "W1"), ito);
        long booked = jdbc.queryForObject("SELECT count(*) FROM bookings", Long.class);
        assertThat(as("ito", MockMvcRequestBuilders.post("/residents/W1/cancel").param("wave", "w").param("dose", "1")
                .param("reason", "asked"), ito).getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings", Long.class)).isEqualTo(booked);

        MvcResult refused = as("ito", MockMvcRequestBuilders.post("/residents/W1/move").param("wave", "w").param("dose", "1")
                .param("session", "999999").param("_csrf", token(page)), ito);
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/residents?q=W1");
        assertThat((String) refused.getFlashMap().get("error")).contains("session 999999 is not one this booking can move to");

        MvcResult cancelled = as("ito", MockMvcRequestBuilders.post("/residents/W1/cancel").param("wave", "w").param("dose", "1")
                .param("reason", "ill").param("_csrf", token(page)), ito);
        assertThat((String) cancelled.getFlashMap().get("done")).startsWith("Cancelled: dose 1 at");
        assertThat(jdbc.queryForList("SELECT DISTINCT cancelled_by || ' ' || reason FROM cancelled_bookings", String.class))
                .containsExactly("ito ill");
        String after = as("ito", MockMvcRequestBuilders.get("/residents").param("q", "W1"), ito).getResponse().getContentAsString();
        assertThat(after).contains("id=\"changes\"").contains("cancelled (ill)");
        assertThat(List.of(as("ito", MockMvcRequestBuilders.get("/residents/W1/book"), ito).getResponse().getStatus())).containsExactly(200);
    }

    @Test
    void attendanceIsRecordedFromTheResidentsPageAfterTheSession() throws Exception {
        MockHttpSession ito = new MockHttpSession();
        MvcResult page = as("ito", MockMvcRequestBuilders.get("/residents").param("q", "W1"), ito);
        MvcResult early = as("ito", MockMvcRequestBuilders.post("/residents/W1/attendance").param("wave", "w").param("dose", "1")
                .param("outcome", "no_show").param("_csrf", token(page)), ito);
        assertThat((String) early.getFlashMap().get("error")).contains("has not begun yet");

        jdbc.update("""
                UPDATE sessions SET starts_at = %s - interval '1 day'
                WHERE session_id = (SELECT session_id FROM bookings WHERE resident_id = 'W1' AND dose = 1)""".formatted(LocalNow.sql(clock)));
        String past = as("ito", MockMvcRequestBuilders.get("/residents").param("q", "W1"), ito).getResponse().getContentAsString();
        assertThat(past).as("the session is over: came or did not come").contains("value=\"no_show\"").doesNotContain("/residents/W1/move?wave=w&amp;dose=1");
        // on a Japanese page, what was done is said in Japanese
        MvcResult missed = as("ito", MockMvcRequestBuilders.post("/residents/W1/attendance").param("lang", "ja").param("wave", "w")
                .param("dose", "1").param("outcome", "no_show").param("_csrf", token(page)), ito);
        assertThat((String) missed.getFlashMap().get("done")).contains("来場なしを記録しました").contains("新しい日時");
        assertThat(jdbc.queryForObject("SELECT outcome || ' ' || recorded_by FROM attendance", String.class)).isEqualTo("no_show ito");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'W1'", Integer.class)).isZero();
    }
}
