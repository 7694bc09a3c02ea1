package jp.ofuku.booking;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import jp.ofuku.invite.Invitations;

/**
 * Every letter held back from the printer, whatever its kind (invitation, new dates,
 * confirmation, change letter), as the command line and the console list and release them.
 */
@Service
public class HeldLetters {

    private final Invitations invitations;
    private final ConfirmStore confirmations;
    private final ChangeLetterStore changes;

    public HeldLetters(Invitations invitations, ConfirmStore confirmations, ChangeLetterStore changes) {
        this.invitations = invitations;
        this.confirmations = confirmations;
        this.changes = changes;
    }

    /** A held letter: its form code, resident, kind ("invitation WAVE", "confirmation", …) and why. */
    public record Letter(String formCode, String residentId, String kind, String reason) {
    }

    static final String CONFIRMATION = "confirmation";
    static final String CHANGE = "change letter";

    public List<Letter> all() {
        List<Letter> held = new ArrayList<>();
        invitations.held().forEach(h -> held.add(new Letter(h.formCode(), h.residentId(), h.kind() + " " + h.wave(), h.reason())));
        confirmations.held().forEach(h -> held.add(new Letter(h.formCode(), h.residentId(), CONFIRMATION, h.reason())));
        changes.held().forEach(h -> held.add(new Letter(h.formCode(), h.residentId(), CHANGE, h.reason())));
        return held;
    }

    /** Puts a held letter (one of {@link #all}) back in line; false when it is no longer held. */
    public boolean release(Letter letter) {
        return switch (letter.kind()) {
            case CONFIRMATION -> confirmations.release(letter.formCode());
            case CHANGE -> changes.release(letter.formCode());
            default -> invitations.release(letter.formCode());
        };
    }
}
