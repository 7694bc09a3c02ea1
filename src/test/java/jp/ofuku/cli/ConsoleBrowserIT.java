package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.OfukuProcess;
import jp.ofuku.support.RepliedTown;

/**
 * The web console in real headless Chromium against a real {@code ofuku serve}: an operator
 * cannot manage users; a supervisor signs in, resolves a review item, books it, and sees the
 * booking and the audit entries; a form posted without its CSRF token is refused. Screenshots
 * of every page go to docs/screens/.
 */
class ConsoleBrowserIT {

    static final Path SCREENS = Path.of("docs", "screens");
    static final String PASSWORD = "correct-horse-battery";

    @Test
    void aSupervisorResolvesAReviewItemAndSeesTheBookingAndTheAuditEntry(@TempDir Path files, @TempDir Path data) throws Exception {
        SyntheticRegistry town = new SyntheticRegistry(31, LocalDate.now());
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 4);
        town.writeResidents(files.resolve("residents.csv"), 30, StandardCharsets.UTF_8);
        expectOk(OfukuProcess.run(data, "import", "all", files.toString()));
        expectOk(OfukuProcess.run(data, "invite", "--wave", "w", "--cohort", "all", "--out", data.resolve("print").toString()));
        // a page that is not a form: the read job sends it to review
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        ImageIO.write(jp.ofuku.letters.FormImages.notAForm("FAX COVER SHEET  To: City Hall  Pages: 2"), "png", inbox.resolve("cover.png").toFile());
        ImageIO.write(jp.ofuku.letters.FormImages.notAForm("Please send me a new form"), "png", inbox.resolve("zz-note.png").toFile());
        OfukuProcess read = OfukuProcess.run(data, "read", inbox.toString());
        assertThat(read.exitCode()).as("pages left for a person: status 4; %s", read.stderr()).isEqualTo(OfukuCommand.EXIT_INCOMPLETE);
        assertThat(read.stdout()).contains("FOR REVIEW: 2 pages");
        // one is decided on the command line: that is audited too
        String note = RepliedTown.text(data, "SELECT r.review_id FROM review_items r JOIN received_files f USING (sha256)"
                + " WHERE f.original_name = 'zz-note.png'");
        expectOk(OfukuProcess.run(data, "review", "resolve", note, "--not-a-reply", "--note", "a note asking for a form", "--by", "ito"));
        for (String[] user : new String[][] {{"sato", "supervisor"}, {"ito", "operator"}}) {
            OfukuProcess add = OfukuProcess.start(data, Map.of("OFUKU_NEW_PASSWORD", PASSWORD), "user", "add", user[0], "--role", user[1]);
            assertThat(add.waitFor()).as(add.stderr()).isZero();
        }
        String form = RepliedTown.text(data, "SELECT form_code FROM invitations ORDER BY form_code LIMIT 1");
        String resident = RepliedTown.text(data, "SELECT resident_id FROM invitations WHERE form_code = '" + form + "'");
        String kana = RepliedTown.text(data, "SELECT name_kana FROM residents WHERE resident_id = '" + resident + "'");

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        OfukuProcess serve = OfukuProcess.start(data, Map.of("OFUKU_NIGHTLY_INBOX", inbox.toString(),
                "OFUKU_NIGHTLY_OUT", data.resolve("nightly").toString()), "serve", "--port", Integer.toString(port), "--jobs",
                files.resolve("no-jobs").toString());
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(serve.awaitWhileRunning(Duration.ofMinutes(2), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        })).as("serve started; stderr: %s", serve.stderr()).isTrue();
        // this machine only: not on its other addresses, unless told with --address
        assertThat(serve.stdout()).contains("ofuku console: http://127.0.0.1:" + port + "/").doesNotContain("plain HTTP");
        java.util.Optional<java.net.InetAddress> outward = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        if (outward.isPresent()) {
            try (java.net.Socket s = new java.net.Socket()) {
                assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress(outward.get(), port), 2_000))
                        .as("the console on " + outward.get()).isInstanceOf(java.io.IOException.class);
            }
        }

        Files.createDirectories(SCREENS);
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // an operator signs in, sees the review item waiting, and may not manage users
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            // the checker itself finds what it should: a picture without words and a field without a label
            browser.get("data:text/html;charset=utf-8,<!DOCTYPE html><html lang=en><title>t</title><main><img src=x.png><input></main></html>");
            axe(browser, "self-check");
            assertThat(violations).as("axe-core runs and reports").anyMatch(v -> v.contains("image-alt")).anyMatch(v -> v.contains("label"));
            violations.clear();
            axePages = 0;
            browser.get(base + "/?lang=en");
            assertThat(browser.getCurrentUrl()).endsWith("/login");
            axeBothLanguages(browser, "login");
            screenshot(browser, "login");
            signIn(browser, "ito");
            assertThat(browser.findElement(By.cssSelector("dl.counts .attention dd")).getText()).isEqualTo("1");
            browser.get(base + "/users");
            assertThat(browser.getPageSource()).contains("403");
            browser.findElement(By.cssSelector("form[action='/logout'] button")).click();

            // a supervisor resolves the item as a reply for the form, with option 1 marked
            signIn(browser, "sato");
            axeBothLanguages(browser, "dashboard");
            screenshot(browser, "dashboard");
            browser.get(base + "/review");
            axeBothLanguages(browser, "review queue");
            screenshot(browser, "review-queue");
            browser.findElement(By.cssSelector("a.button.small")).click();
            // a click returns before the next page may have loaded: wait for it
            wait.until(b -> !b.findElements(By.id("form")).isEmpty());
            axeBothLanguages(browser, "review item");
            // the operator reads the form code off the page and looks up the dates printed on it
            browser.findElement(By.id("form")).sendKeys(form);
            browser.findElement(By.cssSelector("form.search button")).click();
            wait.until(b -> b.findElements(By.cssSelector("#offered tr")).size() > 1);
            axe(browser, "review item with a form's dates (en)");
            // beside the page, the letter the form was sent with: to whom, and what it has answered so far
            assertThat(browser.findElement(By.cssSelector("section.sent-to")).getText()).contains(resident)
                    .contains("Answers already on record").contains("none yet");
            screenshot(browser, "review-item");
            browser.findElement(By.id("formCode")).clear();
            browser.findElement(By.id("formCode")).sendKeys(form);
            browser.findElement(By.cssSelector("label[for='option-1']")).click();
            browser.findElement(By.cssSelector("button[accesskey='s']")).click();
            // the page after the post may not be there yet when the click returns
            String done = wait.until(b -> b.findElements(By.cssSelector(".notice.done")).stream().findFirst()
                    .map(org.openqa.selenium.WebElement::getText).orElse(null));
            assertThat(done).contains("form").contains("1");

            // a form posted without the CSRF token of the page is refused
            String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/runs/start"))
                    .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("job=allocate")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);

            // metrics for Prometheus: a supervisor's account, over HTTP Basic; an operator's is refused
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("sato:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("ofuku_review_open 0.0").contains("ofuku_places_left");
            String operator = "Basic " + java.util.Base64.getEncoder().encodeToString(("ito:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).header("Authorization", operator).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);

            // the supervisor books it now, and finds the booking on the resident's page
            browser.get(base + "/runs");
            browser.findElement(By.cssSelector("form[action='/runs/start'] input[value='allocate'] + button")).click();
            wait.until(b -> {
                b.navigate().refresh();
                return b.findElements(By.xpath("//tr[td[normalize-space()='allocate'] and td/span[normalize-space()='COMPLETED']]")).size() > 0;
            });
            // its report is written as the run ends: follow the link until it is there
            String allocateReport = browser.findElement(By.xpath("//tr[td[normalize-space()='allocate']]//a[not(normalize-space()='PDF')]"))
                    .getAttribute("href");
            wait.until(b -> {
                b.get(allocateReport);
                return b.getPageSource().contains("ofuku allocate");
            });
            assertThat(browser.getPageSource()).contains("booked");
            axe(browser, "allocate report");
            browser.get(base + "/runs");
            // and runs tonight's nightly from the console, then reads its report
            browser.findElement(By.cssSelector("form[action='/runs/start'] input[value='nightly'] + button")).click();
            wait.until(b -> {
                b.navigate().refresh();
                return b.findElements(By.xpath("//tr[td[normalize-space()='nightly'] and td/span[normalize-space()='COMPLETED']]")).size() > 0;
            });
            axeBothLanguages(browser, "runs");
            screenshot(browser, "runs");
            String nightlyReport = browser.findElement(By.xpath("//tr[td[normalize-space()='nightly']]//a[not(normalize-space()='PDF')]"))
                    .getAttribute("href");
            wait.until(b -> {
                b.get(nightlyReport);
                return b.getPageSource().contains("Replies received per day");
            });
            assertThat(browser.getPageSource()).contains("data:image/png;base64,").contains("<main>");
            axe(browser, "nightly report");
            screenshot(browser, "nightly-report");
            browser.get(base + "/residents?q=" + form);
            assertThat(browser.findElement(By.id("bookings")).getText()).contains("allocate");
            assertThat(browser.getPageSource()).contains(resident);
            axeBothLanguages(browser, "resident");
            screenshot(browser, "resident");
            // found again by the kana an operator types, in hiragana: the page lists them, or shows the one found
            StringBuilder hiragana = new StringBuilder();
            kana.codePoints().forEach(cp -> hiragana.appendCodePoint(cp >= 0x30A1 && cp <= 0x30F6 ? cp - 0x60 : cp));
            browser.get(base + "/residents?q=" + java.net.URLEncoder.encode(hiragana.toString(), StandardCharsets.UTF_8));
            assertThat(browser.getPageSource()).contains(resident).doesNotContain("No resident or form found");
            axeBothLanguages(browser, "resident search");
            screenshot(browser, "resident-search");
            // switching the language keeps the search
            browser.findElement(By.cssSelector("a.lang")).click();
            wait.until(b -> b.getCurrentUrl().contains("lang=ja"));
            assertThat(browser.getCurrentUrl()).contains("q=").contains("lang=ja");
            assertThat(browser.getPageSource()).contains(resident).contains("<html lang=\"ja\"");
            browser.findElement(By.cssSelector("a.lang")).click();
            wait.until(b -> b.getCurrentUrl().contains("lang=en"));

            deskAndSiteDesk(browser, wait, base, resident, hiragana.toString(), data);

            browser.get(base + "/audit");
            String audit = browser.findElement(By.id("audit")).getText();
            assertThat(audit).contains("review.resolve").contains("sato").contains("reply for form");
            assertThat(audit).contains("job.start").contains("run.start");
            assertThat(audit).contains("as ito").contains("not a reply: a note asking for a form");
            axeBothLanguages(browser, "audit");
            screenshot(browser, "audit");
            browser.get(base + "/users");
            axeBothLanguages(browser, "users");
            screenshot(browser, "users");
            browser.get(base + "/runs/999999/report");
            axeBothLanguages(browser, "error page");
            browser.get(base + "/?lang=ja");
            assertThat(browser.getPageSource()).as("status words in Japanese").contains("完了").doesNotContain(">COMPLETED<");
            screenshot(browser, "dashboard-ja");
            System.out.println("axe-core (WCAG 2.1 A and AA): " + axePages + " page views checked, " + violations.size() + " violations");
            assertThat(violations).as("axe-core violations (WCAG 2.1 A and AA) on %d page views", axePages).isEmpty();
        } finally {
            browser.quit();
            serve.kill9();
        }
    }

    /**
     * The phone desk and the site desk: an operator finds the resident by kana and moves their
     * booking (the site desk is closed to them); a supervisor prints the change letter (one) and
     * closes a session after a dry run that lists who would go where.
     */
    private void deskAndSiteDesk(WebDriver browser, WebDriverWait wait, String base, String resident, String hiragana, Path data)
            throws Exception {
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        signIn(browser, "ito");
        browser.get(base + "/residents?lang=en&q=" + java.net.URLEncoder.encode(hiragana, StandardCharsets.UTF_8));
        if (!browser.findElements(By.id("found")).isEmpty()) {
            browser.findElement(By.linkText(resident)).click();
            wait.until(b -> !b.findElements(By.id("bookings")).isEmpty());
        }
        browser.findElement(By.cssSelector("#bookings a.button")).click();
        wait.until(b -> b.findElements(By.cssSelector("#options input[type=radio]")).size() > 1);
        axeBothLanguages(browser, "move a booking");
        screenshot(browser, "desk-move");
        String second = browser.findElements(By.cssSelector("#options input[type=radio]")).get(1).getAttribute("id");
        browser.findElement(By.cssSelector("label[for='" + second + "']")).click();
        browser.findElement(By.cssSelector("main form[method=post] button[type=submit]")).click();
        String moved = wait.until(b -> b.findElements(By.cssSelector(".notice.done")).stream().findFirst()
                .map(org.openqa.selenium.WebElement::getText).orElse(null));
        assertThat(moved).startsWith("Moved: dose 1 from").contains("change letter");
        java.util.regex.Matcher to = java.util.regex.Pattern.compile(" to (S\\d+) (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2})").matcher(moved);
        assertThat(to.find()).as(moved).isTrue();
        assertThat(browser.findElement(By.id("changes")).getText()).contains("moved").contains("ito");
        axeBothLanguages(browser, "resident after a move");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('bookings').scrollIntoView()");
        screenshot(browser, "desk-moved");
        // the telephone booking page lists the same sessions (first doses) for a resident who calls
        browser.get(base + "/residents/" + resident + "/book?lang=en");
        assertThat(browser.findElements(By.cssSelector("#options input[type=radio]"))).isNotEmpty();
        axeBothLanguages(browser, "book by telephone");
        screenshot(browser, "desk-book");
        browser.get(base + "/sessions");
        assertThat(browser.getPageSource()).as("the site desk is for supervisors").contains("403");
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();

        // a supervisor prints the change letter now: one letter, in a change file of its own
        signIn(browser, "sato");
        browser.get(base + "/runs?lang=en");
        // the nightly's own confirm run is listed already: wait for a newer run (the newest is listed first)
        By newest = By.xpath("//tbody/tr[1]/td");
        long lastRun = Long.parseLong(browser.findElements(newest).get(0).getText().trim());
        browser.findElement(By.cssSelector("form[action='/runs/start'] input[value='confirm'] + button")).click();
        wait.until(b -> {
            b.navigate().refresh();
            List<org.openqa.selenium.WebElement> row = b.findElements(newest);
            return Long.parseLong(row.get(0).getText().trim()) > lastRun && row.get(1).getText().trim().equals("confirm")
                    && row.get(2).getText().trim().equals("COMPLETED");
        });
        Path changes = data.resolve("nightly").resolve("confirm");
        assertThat(jp.ofuku.letters.PrintFile.pdf(changes, "change-00001")).exists();
        assertThat(jp.ofuku.letters.PrintFile.pdf(changes, "change-00002")).doesNotExist();
        String letters = jp.ofuku.letters.PrintFileCheck.squeeze(jp.ofuku.support.Poppler.pdftotext(
                jp.ofuku.letters.PrintFile.pdf(changes, "change-00001")));
        assertThat(letters.split("接種の予約を変更しました", -1)).as("one change letter").hasSize(2);

        // the site desk: the session the booking went to closes, after a dry run in each language
        String sessions = base + "/sessions?site=" + to.group(1) + "&from=" + to.group(2);
        for (String lang : List.of("ja", "en")) {
            browser.get(sessions + "&lang=" + lang);
            axe(browser, "sessions (" + lang + ")");
            org.openqa.selenium.WebElement row = browser.findElement(By.xpath("//table[@id='sessions']//tr[td[contains(., '" + to.group(2)
                    + "') and contains(., '" + to.group(3) + "')]]"));
            row.findElement(By.tagName("summary")).click();
            row.findElement(By.name("reason")).sendKeys("doctor ill");
            if (lang.equals("en")) {
                screenshot(browser, "sessions");
            }
            row.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(b -> !b.findElements(By.id("dry-run")).isEmpty());
            assertThat(browser.findElement(By.id("dry-run")).getText()).contains(resident);
            axe(browser, "session cancel dry run (" + lang + ")");
        }
        screenshot(browser, "session-cancel");
        browser.findElement(By.cssSelector("main form button.warning")).click();
        String cancelled = wait.until(b -> b.findElements(By.cssSelector(".notice.done")).stream().findFirst()
                .map(org.openqa.selenium.WebElement::getText).orElse(null));
        assertThat(cancelled).startsWith("Session " + to.group(1) + " " + to.group(2) + " " + to.group(3) + " cancelled");
        browser.get(base + "/residents?q=" + resident);
        assertThat(browser.findElement(By.id("changes")).getText()).contains("session cancelled");
    }

    /** Accessibility problems axe-core found, page by page; page views checked. */
    private final List<String> violations = new java.util.ArrayList<>();
    private int axePages;

    /** The current page in Japanese and in English, each checked by axe-core; left in English. */
    private void axeBothLanguages(WebDriver browser, String page) throws Exception {
        String url = browser.getCurrentUrl();
        for (String lang : List.of("ja", "en")) {
            browser.get(org.springframework.web.util.UriComponentsBuilder.fromUriString(url).replaceQueryParam("lang", lang).build()
                    .toUriString());
            axe(browser, page + " (" + lang + ")");
        }
    }

    /** Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) on the page as it is, keeping what it finds. */
    private void axe(WebDriver browser, String page) throws Exception {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        try (var in = ConsoleBrowserIT.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                                  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))),
                         e => done(['axe did not run: ' + e]));""");
        axePages++;
        ((List<?>) found).forEach(v -> violations.add(page + ": " + v));
    }

    private static void signIn(WebDriver browser, String user) {
        // after signing out, the sign-in page may not have loaded yet
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        // the click returns before the next page may have loaded: wait for the sign-in form to go (or time out)
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.findElements(By.id("username")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            // still on the sign-in page: the assertion below says so
        }
        assertThat(browser.findElements(By.id("username"))).as("signed in as %s", user).isEmpty();
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENS.resolve(name + ".png"), png);
    }

    private static void expectOk(OfukuProcess p) {
        assertThat(p.exitCode()).as(p.stderr()).isZero();
    }
}
