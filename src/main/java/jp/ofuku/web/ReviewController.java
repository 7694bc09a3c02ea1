package jp.ofuku.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.ofuku.ops.Audit;
import jp.ofuku.replies.ReviewQueue;

/** The review queue: each page a person must decide, with its crops and the machine's guess, resolved in one step. */
@Controller
public class ReviewController {

    private final ReviewQueue review;
    private final Audit audit;
    private final ConsoleData data;

    public ReviewController(ReviewQueue review, Audit audit, ConsoleData data) {
        this.review = review;
        this.audit = audit;
        this.data = data;
    }

    @GetMapping("/review")
    String list(Model model) {
        model.addAttribute("items", review.open());
        return "review-list";
    }

    @GetMapping("/review/{id}")
    String item(@PathVariable long id, @RequestParam(name = "form", required = false) String form, Model model) {
        ReviewQueue.Item item = review.get(id).orElseThrow(() -> new NotFound("review item " + id));
        model.addAttribute("item", item);
        model.addAttribute("crops", review.crops(item).keySet());
        // the dates printed on the form named (by the operator, or the machine's guess), to match the marks against
        String code = form != null && !form.isBlank() ? form.strip() : item.guessFormCode();
        List<jp.ofuku.invite.InvitationStore.Offered> offered = code == null ? List.of() : data.options(code);
        model.addAttribute("formCode", code);
        model.addAttribute("offered", offered);
        model.addAttribute("unknownForm", code != null && offered.isEmpty());
        // who the form was sent to, and what it has answered already: what a page known by its digits alone, or a second
        // answer, is checked against
        ConsoleData.History sentTo = offered.isEmpty() ? null : data.history(code).orElse(null);
        model.addAttribute("sentTo", sentTo);
        model.addAttribute("answers", sentTo == null ? List.of() : sentTo.replies().stream()
                .filter(r -> r.formCode().equals(jp.ofuku.letters.FormCode.parse(code).map(jp.ofuku.letters.FormCode::digits).orElse(code))
                        && !r.status().equals("review")).toList());
        model.addAttribute("options", offered.isEmpty() ? ConsoleController.options(12)
                : offered.stream().map(jp.ofuku.invite.InvitationStore.Offered::number).toList());
        model.addAttribute("next", review.open().stream().map(ReviewQueue.Item::id).filter(i -> i > id).findFirst().orElse(null));
        return "review-item";
    }

    @GetMapping(value = "/review/{id}/crops/{name}.png")
    ResponseEntity<byte[]> crop(@PathVariable long id, @PathVariable String name) {
        ReviewQueue.Item item = review.get(id).orElseThrow(() -> new NotFound("review item " + id));
        byte[] png = review.crops(item).get(name);
        if (png == null) {
            throw new NotFound("crop " + name);
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png);
    }

    @PostMapping("/review/{id}")
    String resolve(@PathVariable long id, @RequestParam(name = "decision") String decision,
            @RequestParam(name = "formCode", required = false) String formCode,
            @RequestParam(name = "option", required = false) List<Integer> options,
            @RequestParam(name = "extra", required = false) List<String> extras,
            @RequestParam(name = "note", defaultValue = "") String note, Principal who, RedirectAttributes flash) {
        ReviewQueue.Item before = review.get(id).orElseThrow(() -> new NotFound("review item " + id));
        try {
            Optional<String> form = decision.equals("reply") ? Optional.ofNullable(formCode).map(String::strip).filter(s -> !s.isEmpty())
                    : Optional.empty();
            if (decision.equals("reply") && form.isEmpty()) {
                throw new IllegalArgumentException("give the form code printed on the page (10 digits)");
            }
            List<String> kept = new ArrayList<>(extras == null ? List.of() : extras);
            kept.removeIf(e -> !List.of("other_dates", "decline").contains(e));
            ReviewQueue.Item after = review.resolve(id, who.getName(), form, options == null ? List.of() : options, kept, note);
            audit.record(who.getName(), "review.resolve", "review item " + id, before.reason(), after.resolution());
            flash.addFlashAttribute("done", "review item " + id + ": " + after.resolution());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/review/" + id;
        }
        Long next = review.open().stream().map(ReviewQueue.Item::id).findFirst().orElse(null);
        return next == null ? "redirect:/review" : "redirect:/review/" + next;
    }
}
