package jp.ofuku.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import jp.ofuku.ops.Audit;
import jp.ofuku.ops.SpreadsheetCells;
import jp.ofuku.ops.StatusReport;

/** Job runs (everyone sees them; supervisors start, stop and restart them), users and the audit log (supervisors). */
@Controller
public class SupervisorController {

    private final StatusReport status;
    private final ConsoleRuns runs;
    private final jp.ofuku.ops.RunControl control;
    private final ConsoleUsers users;
    private final Audit audit;

    public SupervisorController(StatusReport status, ConsoleRuns runs, jp.ofuku.ops.RunControl control, ConsoleUsers users,
            Audit audit) {
        this.control = control;
        this.status = status;
        this.runs = runs;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/runs")
    String runs(Model model) {
        model.addAttribute("runs", status.read(40).runs());
        return "runs";
    }

    /** The report of a run (HTML, or PDF with ?pdf): a nightly's beside its print files, any other in the reports folder. */
    @GetMapping("/runs/{id}/report")
    org.springframework.http.ResponseEntity<byte[]> report(@PathVariable long id,
            @RequestParam(name = "pdf", defaultValue = "false") boolean pdf) throws IOException {
        java.nio.file.Path html;
        try {
            html = control.reportOf(id).orElseThrow(() -> new NotFound("report of run " + id));
        } catch (jp.ofuku.ops.RunRefusedException noSuchRun) {
            throw new NotFound("run " + id);
        }
        java.nio.file.Path file = pdf ? html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html$", ".pdf")) : html;
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new NotFound("report of run " + id);
        }
        return org.springframework.http.ResponseEntity.ok()
                .contentType(pdf ? org.springframework.http.MediaType.APPLICATION_PDF : org.springframework.http.MediaType.TEXT_HTML)
                .body(java.nio.file.Files.readAllBytes(file));
    }

    @PostMapping("/runs/start")
    String start(@RequestParam(name = "job") String job, Principal who, RedirectAttributes flash) {
        if (!ConsoleRuns.JOBS.contains(job)) {
            flash.addFlashAttribute("error", "no job '" + job + "' is started from here; these are: " + String.join(", ", ConsoleRuns.JOBS));
            return "redirect:/runs";
        }
        audit.record(who.getName(), "run.start", job, null, null);
        runs.start(who.getName(), job);
        flash.addFlashAttribute("done", job + " started; this page shows it when it has begun (reload to follow it)");
        return "redirect:/runs";
    }

    @PostMapping("/runs/{id}/restart")
    String restart(@PathVariable long id, Principal who, RedirectAttributes flash) {
        audit.record(who.getName(), "run.restart", "run " + id, null, null);
        runs.restart(who.getName(), id);
        flash.addFlashAttribute("done", "run " + id + " is being carried on");
        return "redirect:/runs";
    }

    @PostMapping("/runs/{id}/stop")
    String stop(@PathVariable long id, Principal who, RedirectAttributes flash) {
        try {
            control.stop(id);
            audit.record(who.getName(), "run.stop", "run " + id, "running", "stopping");
            flash.addFlashAttribute("done", "run " + id + " stops when its current step ends");
        } catch (Exception e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/runs";
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("roles", ConsoleUsers.ROLES);
        model.addAttribute("minPassword", ConsoleUsers.MIN_PASSWORD);
        return "users";
    }

    @PostMapping("/users")
    String addUser(@RequestParam(name = "username") String username, @RequestParam(name = "role") String role,
            @RequestParam(name = "password") String password, Principal who, RedirectAttributes flash) {
        try {
            users.add(who.getName(), username.strip(), role, password);
            flash.addFlashAttribute("done", "user " + username.strip() + " added as " + role);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users";
    }

    @PostMapping("/users/{username}")
    String updateUser(@PathVariable String username, @RequestParam(name = "role") String role,
            @RequestParam(name = "enabled", defaultValue = "false") boolean enabled, Principal who, RedirectAttributes flash) {
        try {
            users.update(who.getName(), username, role, enabled);
            flash.addFlashAttribute("done", "user " + username + ": " + role + (enabled ? "" : ", disabled"));
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users";
    }

    @GetMapping("/audit")
    String audit(@RequestParam(name = "actor", defaultValue = "") String actor, @RequestParam(name = "action", defaultValue = "") String action,
            Model model) {
        model.addAttribute("entries", audit.recent(200, actor, action));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        return "audit";
    }

    @GetMapping("/audit.csv")
    void auditCsv(@RequestParam(name = "actor", defaultValue = "") String actor, @RequestParam(name = "action", defaultValue = "") String action,
            HttpServletResponse response, Principal who) throws IOException {
        audit.record(who.getName(), "audit.export", actor.isBlank() && action.isBlank() ? "all" : actor + " " + action, null, null);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"ofuku-audit.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = response.getWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "at", "actor", "action", "target", "before", "after").get())) {
            for (Audit.Entry e : audit.recent(100_000, actor, action)) {
                csv.printRecord(SpreadsheetCells.cells(e.id(), e.at(), e.actor(), e.action(), e.target(), e.before(), e.after()));
            }
        }
    }
}
