package jp.ofuku.web;

import java.security.Principal;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.ofuku.booking.Attendance;
import jp.ofuku.booking.BookingDesk;
import jp.ofuku.booking.SessionCancel;
import jp.ofuku.booking.SiteDesk;
import jp.ofuku.invite.OpenWaves;

/**
 * The desk in the console: operators move, cancel and book a resident's sessions and record
 * attendance from the resident's page; supervisors close a session, after a dry run that shows
 * who would go where. Each change is the command line's own (same rules, same audit, same change
 * letter); a refusal is shown in one line on the page it came from.
 */
@Controller
public class DeskController {

    private final BookingDesk desk;
    private final Attendance attendance;
    private final SessionCancel sessions;
    private final SiteDesk site;
    private final OpenWaves waves;
    /** The console's words: what a desk action did is said in the page's language. */
    private final MessageSource messages;
    private final java.time.Clock clock;

    public DeskController(BookingDesk desk, Attendance attendance, SessionCancel sessions, SiteDesk site, OpenWaves waves,
            MessageSource messages, java.time.Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.desk = desk;
        this.attendance = attendance;
        this.sessions = sessions;
        this.site = site;
        this.waves = waves;
    }

    /** The sessions a booking of {@code dose} can move to, to choose one. */
    @GetMapping("/residents/{id}/move")
    String move(@PathVariable String id, @RequestParam String wave, @RequestParam(defaultValue = "1") int dose, Model model) {
        model.addAttribute("resident", id);
        model.addAttribute("wave", wave);
        model.addAttribute("dose", dose);
        model.addAttribute("action", "move");
        model.addAttribute("booked", desk.bookings(id).stream().filter(b -> b.wave().equals(wave) && b.dose() == dose).findFirst()
                .orElseThrow(() -> new NotFound("booking of dose " + dose + " of resident " + id)));
        model.addAttribute("options", desk.options(id, wave, dose));
        return "desk-options";
    }

    /** The sessions a resident who telephoned can be booked into (first doses). */
    @GetMapping("/residents/{id}/book")
    String book(@PathVariable String id, @RequestParam(required = false) String wave, Model model) {
        model.addAttribute("resident", id);
        model.addAttribute("wave", wave == null ? "" : wave);
        model.addAttribute("dose", 1);
        model.addAttribute("action", "book");
        model.addAttribute("waves", waves.all().stream().map(OpenWaves.Wave::wave).toList());
        model.addAttribute("options", desk.options(id, wave, 1));
        return "desk-options";
    }

    @PostMapping("/residents/{id}/move")
    String moved(@PathVariable String id, @RequestParam String wave, @RequestParam int dose, @RequestParam long session,
            @RequestParam(defaultValue = "false") boolean noLetter, Principal who, RedirectAttributes flash, Locale locale) {
        return change(id, flash, () -> {
            BookingDesk.Changed c = desk.move(id, wave, dose, session, noLetter, who.getName());
            return say(locale, "desk.done.moved", dose, c.before(), c.after()) + " " + letter(c.letter(), locale);
        });
    }

    @PostMapping("/residents/{id}/book")
    String booked(@PathVariable String id, @RequestParam(required = false) String wave, @RequestParam long session,
            @RequestParam(defaultValue = "false") boolean noLetter, Principal who, RedirectAttributes flash, Locale locale) {
        return change(id, flash, () -> {
            BookingDesk.Changed c = desk.book(id, wave == null || wave.isBlank() ? null : wave, session, noLetter, who.getName());
            return say(locale, "desk.done.booked", c.after()) + " " + letter(c.letter(), locale);
        });
    }

    @PostMapping("/residents/{id}/cancel")
    String cancelled(@PathVariable String id, @RequestParam String wave, @RequestParam int dose, @RequestParam String reason,
            @RequestParam(defaultValue = "false") boolean noLetter, Principal who, RedirectAttributes flash, Locale locale) {
        return change(id, flash, () -> {
            BookingDesk.Cancelled c = desk.cancel(id, wave, dose, reason, noLetter, who.getName());
            return say(locale, "desk.done.cancelled", String.join("; ", c.doses())) + " " + letter(c.letter(), locale);
        });
    }

    @PostMapping("/residents/{id}/attendance")
    String attended(@PathVariable String id, @RequestParam String wave, @RequestParam int dose, @RequestParam String outcome,
            Principal who, RedirectAttributes flash, Locale locale) {
        return change(id, flash, () -> {
            Attendance.Outcome o = Attendance.Outcome.parse(outcome).orElseThrow(() -> new BookingDesk.Refused("no such attendance: " + outcome));
            Attendance.Recorded r = attendance.record(id, wave, dose, o, who.getName());
            String key = r.already() ? "desk.done.already" : o == Attendance.Outcome.ATTENDED ? "desk.done.attended"
                    : r.step() == Attendance.Step.NEW_DATES ? "desk.done.noshow" : "desk.done.noshow.byhand";
            return say(locale, key, r.dose(), r.session());
        });
    }

    private String letter(boolean letter, Locale locale) {
        return say(locale, letter ? "desk.done.letter" : "desk.done.noletter");
    }

    private String say(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    private static String change(String id, RedirectAttributes flash, Supplier<String> change) {
        try {
            flash.addFlashAttribute("done", change.get());
        } catch (jp.ofuku.ops.Refusal e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        flash.addAttribute("q", id);
        return "redirect:/residents";
    }

    /** Sessions still to come (supervisors): at a site, from a date. */
    @GetMapping("/sessions")
    String sessions(@RequestParam(name = "site", defaultValue = "") String at, @RequestParam(required = false) java.time.LocalDate from,
            Model model) {
        java.time.LocalDate day = from == null ? java.time.LocalDate.now(clock) : from;
        model.addAttribute("site", at);
        model.addAttribute("from", day);
        model.addAttribute("sites", site.sites());
        model.addAttribute("sessions", site.upcoming(at, day));
        return "sessions";
    }

    /** Closing a session: a dry run first, shown on this page; then the same, done. */
    @PostMapping("/sessions/{id}/cancel")
    String cancelSession(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "true") boolean dryRun, Principal who, Model model, RedirectAttributes flash, Locale locale) {
        SiteDesk.Session session = site.find(id).orElseThrow(() -> new NotFound("session " + id));
        try {
            SessionCancel.Result result = sessions.cancel(session.siteCode(), session.start(), reason, dryRun, who.getName());
            if (dryRun) {
                model.addAttribute("result", result);
                model.addAttribute("sessionId", id);
                model.addAttribute("reason", reason);
                return "session-cancel";
            }
            flash.addFlashAttribute("done", say(locale, "desk.done.session", result.session(), result.count(SessionCancel.Where.MARKED),
                    result.count(SessionCancel.Where.NEAREST), result.count(SessionCancel.Where.NEW_DATES),
                    result.count(SessionCancel.Where.CANCELLED)));
        } catch (jp.ofuku.ops.Refusal e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/sessions";
    }
}
