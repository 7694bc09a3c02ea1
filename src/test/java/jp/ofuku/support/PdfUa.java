package jp.ofuku.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Checks a PDF against PDF/UA-1 as veraPDF's validator does (its own parser, not PDFBox). */
public final class PdfUa {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfUa() {
    }

    /** The rules a file breaks, each with one of its messages and how often it failed; empty when it passes. */
    public static List<String> failures(Path pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(pdf.toFile(), PDFAFlavour.PDFUA_1)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false);
            ValidationResult result = validator.validate(parser);
            Map<String, String> rules = new TreeMap<>();
            for (TestAssertion a : result.getTestAssertions()) {
                if (a.getStatus() == TestAssertion.Status.FAILED) {
                    String rule = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
                    rules.putIfAbsent(rule, rule + " " + a.getMessage() + " at " + a.getLocationContext());
                }
            }
            result.getFailedChecks().forEach((id, n) -> rules.computeIfPresent(id.getClause() + "-" + id.getTestNumber(),
                    (k, v) -> v + " (" + n + "×)"));
            return rules.values().stream().toList();
        }
    }
}
