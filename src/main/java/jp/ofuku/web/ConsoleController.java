package jp.ofuku.web;

import java.security.Principal;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.ofuku.ops.StatusReport;
import jp.ofuku.replies.ReviewQueue;

/** The dashboard, the sign-in page and a resident's history. */
@Controller
public class ConsoleController {

    private final StatusReport status;
    private final ReviewQueue review;
    private final ConsoleData data;
    private final jp.ofuku.ops.Audit audit;
    private final jp.ofuku.booking.HeldLetters held;
    private final jp.ofuku.booking.BookingDesk desk;

    public ConsoleController(StatusReport status, ReviewQueue review, ConsoleData data, jp.ofuku.ops.Audit audit,
            jp.ofuku.booking.HeldLetters held, jp.ofuku.booking.BookingDesk desk) {
        this.held = held;
        this.desk = desk;
        this.status = status;
        this.review = review;
        this.data = data;
        this.audit = audit;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String dashboard(Model model) {
        StatusReport.Status s = status.read(10);
        model.addAttribute("counts", s.counts());
        model.addAttribute("runs", s.runs());
        // a failing WAL archive is told where a supervisor looks every day, not only in status
        model.addAttribute("walArchive", s.walArchive());
        model.addAttribute("reviewOpen", review.open().size());
        model.addAttribute("places", data.places());
        model.addAttribute("held", held.all());
        return "dashboard";
    }

    @GetMapping("/residents")
    String resident(@RequestParam(name = "q", required = false) String q, Model model, Principal who) {
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            var history = data.history(q);
            if (history.isEmpty()) {
                // not a resident number or form code: a name or kana, partial, width- and variant-insensitive
                List<jp.ofuku.registry.Residents.Found> found = desk.find(q);
                if (found.size() == 1) {
                    history = data.history(found.get(0).id());
                } else {
                    model.addAttribute("found", found);
                }
            }
            model.addAttribute("history", history.orElse(null));
            model.addAttribute("notFound", history.isEmpty() && !model.containsAttribute("found")
                    || model.containsAttribute("found") && ((List<?>) model.getAttribute("found")).isEmpty());
            history.ifPresent(h -> audit.record(who.getName(), "resident.view", h.resident().id(), null, null));
        }
        return "resident";
    }

    static List<Integer> options(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }
}
