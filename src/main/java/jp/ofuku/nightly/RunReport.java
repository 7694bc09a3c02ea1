package jp.ofuku.nightly;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.springframework.stereotype.Component;

import jp.ofuku.booking.ConfirmRun;
import jp.ofuku.booking.SiteDesk;
import jp.ofuku.invite.Invitations;
import jp.ofuku.letters.FontFiles;
import jp.ofuku.ops.JobOutcome;

/**
 * The report of a nightly run, as HTML (self-contained) and PDF, with charts: replies received
 * per day, what reading made of this night's pages, bookings against capacity per site and per
 * day, letters printed, and what needs a person. Written beside the night's print files, in
 * OUT/reports/, named by business date and run.
 */
@Component
public class RunReport {

    private final java.util.List<jp.ofuku.ops.FeatureFacts> facts;
    private final jp.ofuku.replies.ReplyStore replies;
    private final SiteDesk sites;

    public RunReport(java.util.List<jp.ofuku.ops.FeatureFacts> facts, jp.ofuku.replies.ReplyStore replies, SiteDesk sites) {
        this.facts = facts;
        this.replies = replies;
        this.sites = sites;
    }

    /** A chart: its title and picture. */
    record Chart(String title, BufferedImage image) {
    }

    /** Where the HTML report of a nightly run is (the PDF beside it); {@code out} is the nightly's print folder. */
    public static Path html(Path out, LocalDate date, long run) {
        return out.resolve("reports").resolve("nightly-" + date + "-run-" + run + ".html");
    }

    /** Writes the report of the nightly {@code run} for {@code date} under {@code out}; returns the HTML and the PDF. */
    public List<Path> write(LocalDate date, JobOutcome run, Path out) throws IOException {
        return write(html(out, date, run.executionId()).getParent(), "nightly-" + date + "-run-" + run.executionId(),
                "ofuku nightly " + date + " — run " + run.executionId(), NightlySummary.lines(run), run, "read.", date);
    }

    /** Where the HTML report of another job's run is (the PDF beside it). */
    public static Path html(Path folder, String job, long run) {
        return folder.resolve(job + "-run-" + run + ".html");
    }

    /**
     * Writes the report of a run of any other job (read, allocate, confirm, import, invite…)
     * into {@code folder}: its counts, what needs a person, and the same charts.
     */
    public List<Path> write(String job, JobOutcome run, LocalDate date, Path folder) throws IOException {
        List<String> summary = new ArrayList<>();
        run.counts().forEach((key, n) -> {
            if (!key.endsWith("_ms")) {
                summary.add(String.format(java.util.Locale.ROOT, "  %-28s %,12d", key.replace('_', ' '), n));
            }
        });
        summary.add(run.completed() ? "Completed." : "Not finished: " + run.failure() + ". Fix the cause, then: scripts/ofuku restart "
                + run.executionId());
        return write(folder, job + "-run-" + run.executionId(), "ofuku " + job + " " + date + " — run " + run.executionId(), summary,
                run, job.equals("read") ? "" : null, date);
    }

    private List<Path> write(Path folder, String name, String heading, List<String> summary, JobOutcome run, String readPrefix,
            LocalDate date) throws IOException {
        Files.createDirectories(folder);
        Map<String, Long> c = run.counts();
        String read = readPrefix == null ? "read." : readPrefix;
        Map<String, Long> attention = new LinkedHashMap<>();
        // what stands now, as each feature's store counts it
        Map<String, Long> now = jp.ofuku.ops.FeatureFacts.countsOf(facts);
        attention.put("review items open", now.getOrDefault("review_items.open", 0L));
        attention.put("files quarantined by this run", c.getOrDefault(read + jp.ofuku.replies.ReadRun.QUARANTINED, 0L));
        attention.put("letters held as exceptions by this run", c.getOrDefault("new-dates." + Invitations.EXCEPTIONS,
                c.getOrDefault(Invitations.EXCEPTIONS, 0L)) + c.getOrDefault("invite." + Invitations.EXCEPTIONS, 0L)
                + c.getOrDefault("confirm." + ConfirmRun.HELD, c.getOrDefault(ConfirmRun.HELD, 0L)));
        attention.put("letters held in all, not printed (scripts/ofuku letters held)",
                now.getOrDefault("invitations.exception", 0L) + now.getOrDefault("confirmations.held", 0L));
        attention.put("bookings cancelled in the last 24 hours because the registry says the resident died or moved away",
                now.getOrDefault("bookings.cancelled_left_last_day", 0L));
        attention.put("residents waiting for new dates", now.getOrDefault("allocations.waiting", 0L));
        List<Chart> charts = new ArrayList<>();
        charts.add(repliesPerDay(date));
        if (readPrefix != null) {
            charts.add(readingTonight(c, readPrefix));
        }
        charts.add(bookingsPerSite());
        charts.add(bookingsPerDay(date));
        String title = heading + (run.completed() ? "" : " (NOT FINISHED)");

        Path html = folder.resolve(name + ".html");
        Path temp = folder.resolve(name + ".html.part");
        Files.writeString(temp, html(title, summary, attention, charts, run), StandardCharsets.UTF_8);
        jp.ofuku.ops.OnDisk.publish(temp, html);
        Path pdf = folder.resolve(name + ".pdf");
        Path pdfTemp = folder.resolve(name + ".pdf.part");
        pdf(pdfTemp, title, summary, attention, charts);
        jp.ofuku.ops.OnDisk.publish(pdfTemp, pdf);
        return List.of(html, pdf);
    }

    private Chart repliesPerDay(LocalDate date) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (int i = 13; i >= 0; i--) {
            days.put(date.minusDays(i), new long[2]);
        }
        replies.perDay(date.minusDays(13), date).forEach((day, n) -> {
            if (days.containsKey(day)) {
                days.put(day, n);
            }
        });
        days.forEach((day, n) -> {
            String label = day.getMonthValue() + "/" + day.getDayOfMonth();
            data.addValue(n[0], "accepted", label);
            data.addValue(n[1], "review or rejected", label);
        });
        return chart("Replies received per day (last 14 days)", ChartFactory.createStackedBarChart(null, null, "replies", data,
                PlotOrientation.VERTICAL, true, false, false));
    }

    private static Chart readingTonight(Map<String, Long> c, String read) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(c.getOrDefault(read + jp.ofuku.replies.ReadRun.REPLY, 0L), "pages", "accepted");
        data.addValue(c.getOrDefault(read + jp.ofuku.replies.ReadRun.DUPLICATE, 0L), "pages", "same reply again");
        data.addValue(c.getOrDefault(read + jp.ofuku.replies.ReadRun.REVIEW, 0L), "pages", "review");
        data.addValue(c.getOrDefault(read + jp.ofuku.replies.ReadRun.BLANK, 0L), "pages", "blank");
        data.addValue(c.getOrDefault(read + jp.ofuku.replies.ReadRun.QUARANTINED, 0L), "pages", "quarantined files");
        return chart("Reading in this run: what became of the pages", ChartFactory.createBarChart(null, null, "pages", data,
                PlotOrientation.HORIZONTAL, false, false, false));
    }

    private Chart bookingsPerSite() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (SiteDesk.SitePlaces site : sites.places()) {
            data.addValue(site.booked(), "booked", site.siteCode() + " " + site.name());
            data.addValue(site.left(), "places left", site.siteCode() + " " + site.name());
        }
        return chart("Bookings against capacity per site (sessions to come)", ChartFactory.createStackedBarChart(null, null,
                "places", data, PlotOrientation.HORIZONTAL, true, false, false));
    }

    private Chart bookingsPerDay(LocalDate date) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (SiteDesk.DayPlaces day : sites.fourWeeksAfter(date)) {
            String label = day.day().getMonthValue() + "/" + day.day().getDayOfMonth();
            data.addValue(day.booked(), "booked", label);
            data.addValue(day.left(), "places left", label);
        }
        return chart("Bookings against capacity per day (4 weeks from the next session day)", ChartFactory.createStackedBarChart(null, null, "places",
                data, PlotOrientation.VERTICAL, true, false, false));
    }

    private static final Color[] SERIES = {new Color(0x00, 0x31, 0xd8), new Color(0xc8, 0xc8, 0xcb), new Color(0xce, 0x00, 0x00)};

    private static Chart chart(String title, JFreeChart chart) {
        Font font = font();
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(font.deriveFont(Font.BOLD, 16f));
        theme.setLargeFont(font.deriveFont(Font.BOLD, 13f));
        theme.setRegularFont(font.deriveFont(12f));
        theme.setSmallFont(font.deriveFont(10f));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0x76, 0x7a, 0x7e));
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        org.jfree.chart.axis.NumberAxis axis = (org.jfree.chart.axis.NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeIncludesZero(true);
        axis.setAutoRangeMinimumSize(5); // counts: whole numbers from 0, even when all are 0
        if (plot.getDataset().getColumnCount() > 14) {
            plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        for (int i = 0; i < SERIES.length; i++) {
            renderer.setSeriesPaint(i, SERIES[i]);
        }
        renderer.setSeriesPaint(1, plot.getDataset().getRowCount() == 2 && plot.getDataset().getRowKey(1).toString().startsWith("review")
                ? SERIES[2] : SERIES[1]);
        return new Chart(title, chart.createBufferedImage(900, 380));
    }

    private static Font font() {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, FontFiles.IPAEX_GOTHIC.toFile());
        } catch (Exception e) {
            return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        }
    }

    private static String html(String title, List<String> summary, Map<String, Long> attention, List<Chart> charts, JobOutcome run)
            throws IOException {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font:17px/1.5 "Noto Sans","IPAexGothic",sans-serif;color:#1a1a1c;max-width:60rem;margin:2rem auto;padding:0 1rem}
                h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem}pre{white-space:pre-wrap;background:#f1f1f4;padding:1rem}
                table{border-collapse:collapse}td,th{border-bottom:1px solid #767a7e;padding:.4rem 1.5rem .4rem 0;text-align:left}
                td.n{text-align:right}img{max-width:100%%;border:1px solid #c8c8cb}.bad{color:#ce0000;font-weight:bold}</style></head><body>
                <main>
                <h1>%s</h1>
                """.formatted(escape(title), escape(title)));
        if (!run.completed()) {
            h.append("<p class=\"bad\">").append(escape(run.failure())).append("</p>\n");
        }
        h.append("<h2>Summary</h2>\n<pre>").append(escape(String.join("\n", summary))).append("</pre>\n");
        h.append("<h2>Needs a person</h2>\n<table>\n");
        attention.forEach((k, v) -> h.append("<tr><th scope=\"row\">").append(escape(k)).append("</th><td class=\"n\">").append(v)
                .append("</td></tr>\n"));
        h.append("</table>\n");
        for (Chart chart : charts) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(chart.image(), "png", png);
            h.append("<h2>").append(escape(chart.title())).append("</h2>\n<img alt=\"").append(escape(chart.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png.toByteArray()))
                    .append("\">\n");
        }
        return h.append("</main>\n</body></html>\n").toString();
    }

    private static void pdf(Path file, String title, List<String> summary, Map<String, Long> attention, List<Chart> charts)
            throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, FontFiles.IPAEX_GOTHIC.toFile());
            float margin = 50;
            float width = PDRectangle.A4.getWidth() - 2 * margin;
            List<String> lines = new ArrayList<>();
            lines.addAll(summary);
            lines.add("");
            attention.forEach((k, v) -> lines.add(k + ": " + v));
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float y = PDRectangle.A4.getHeight() - margin;
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                y = text(out, font, 15, margin, y, List.of(title));
                y = text(out, font, 8.5f, margin, y - 8, lines);
                for (int i = 0; i < Math.min(2, charts.size()); i++) {
                    y = image(doc, out, font, charts.get(i), margin, y - 14, width);
                }
            }
            page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            y = PDRectangle.A4.getHeight() - margin;
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                for (int i = 2; i < charts.size(); i++) {
                    y = image(doc, out, font, charts.get(i), margin, y - 14, width);
                }
            }
            doc.save(file.toFile());
        }
    }

    private static float text(PDPageContentStream out, PDType0Font font, float size, float x, float y, List<String> given)
            throws IOException {
        float width = PDRectangle.A4.getWidth() - 2 * x;
        List<String> lines = new ArrayList<>();
        for (String line : given) {
            // long lines wrap at spaces, continued with an indent
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ", -1)) {
                String next = current.length() == 0 ? word : current + " " + word;
                if (current.length() > 0 && font.getStringWidth(next) / 1000 * size > width) {
                    lines.add(current.toString());
                    current = new StringBuilder("    " + word);
                } else {
                    current = new StringBuilder(next);
                }
            }
            lines.add(current.toString());
        }
        for (String line : lines) {
            y -= size * 1.45f;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, y);
            out.showText(line);
            out.endText();
        }
        return y;
    }

    private static float image(PDDocument doc, PDPageContentStream out, PDType0Font font, Chart chart, float x, float y, float width)
            throws IOException {
        y = text(out, font, 11, x, y, List.of(chart.title()));
        PDImageXObject image = LosslessFactory.createFromImage(doc, chart.image());
        float height = width * chart.image().getHeight() / chart.image().getWidth();
        y -= height + 6;
        out.drawImage(image, x, y, width, height);
        return y;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
