package jp.ofuku.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;

import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's pages as a browser without JavaScript meets them, through the console's own
 * security (sign-in by HTTP Basic here, sessions, CSRF), on the test's real context and database.
 */
public final class ConsoleClient {

    /** Every test user's password. */
    public static final String PASSWORD = "a long enough secret";

    private final MockMvc web;

    public ConsoleClient(ApplicationContext context) {
        this.web = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    /** The request as {@code user} (null: nobody signed in), in {@code session}, the pages in English. */
    public MvcResult as(String user, MockHttpServletRequestBuilder request, MockHttpSession session) throws Exception {
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return web.perform(request.session(session).param("lang", "en")).andReturn();
    }

    /** The CSRF token of a form on the page (the session's own). */
    public static String token(MvcResult page) throws Exception {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getResponse().getContentAsString());
        assertThat(m.find()).as("a form with its CSRF token").isTrue();
        return m.group(1);
    }
}
