package jp.ofuku.letters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * Makes a print file a tagged PDF: every sheet is a section of the document holding its text
 * in reading order, in the resident's language; boxes, marks and barcodes are artifacts. Screen
 * readers and text extraction read the letter as it is meant to be read.
 */
final class Tagging {

    private final PDStructureElement document;
    private final PDStructureTreeRoot root;
    private final Map<Integer, COSObjectable> parentTree = new HashMap<>();
    private int pages;

    Tagging(PDDocument pdf, String title) {
        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        root = new PDStructureTreeRoot();
        catalog.setStructureTreeRoot(root);
        PDMarkInfo mark = new PDMarkInfo();
        mark.setMarked(true);
        catalog.setMarkInfo(mark);
        catalog.setLanguage("ja");
        PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
        preferences.setDisplayDocTitle(true);
        catalog.setViewerPreferences(preferences);
        pdf.getDocumentInformation().setTitle(title);
        catalog.setMetadata(xmp(pdf, title));
        document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
        root.appendKid(document);
    }

    /**
     * The catalog's XMP metadata that PDF/UA-1 asks for: the title shown instead of the file
     * name, the document's language, and the claim of conformance (pdfuaid:part 1).
     */
    private static PDMetadata xmp(PDDocument pdf, String title) {
        String packet = """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
                <dc:language><rdf:Bag><rdf:li>ja</rdf:li></rdf:Bag></dc:language>
                <dc:format>application/pdf</dc:format>
                <xmp:CreatorTool>ofuku</xmp:CreatorTool>
                <pdfuaid:part>1</pdfuaid:part>
                </rdf:Description>
                </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>
                """.formatted(escapeXml(title));
        PDMetadata metadata = new PDMetadata(pdf);
        try (OutputStream out = metadata.getCOSObject().createOutputStream()) {
            out.write(packet.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metadata;
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Tags for one sheet: a section with one paragraph element holding the sheet's text. */
    Sheet sheet(PDPage page, String language) {
        PDStructureElement section = new PDStructureElement(StandardStructureTypes.SECT, document);
        section.setPage(page);
        document.appendKid(section);
        PDStructureElement text = new PDStructureElement(StandardStructureTypes.P, section);
        text.setPage(page);
        text.setLanguage(language);
        section.appendKid(text);
        int key = pages++;
        page.setStructParents(key);
        COSArray owners = new COSArray();
        parentTree.put(key, owners);
        return new Sheet(text, owners);
    }

    /** Writes the parent tree that maps each page's marked content back to its element. */
    void finish() {
        PDNumberTreeNode tree = new PDNumberTreeNode(PDParentTreeValue.class);
        tree.setNumbers(parentTree);
        root.setParentTree(tree);
        root.setParentTreeNextKey(pages);
    }

    /** The marked-content ids of one sheet's text. */
    static final class Sheet {
        private final PDStructureElement text;
        private final COSArray owners;
        private final COSArray kids = new COSArray();
        private int next;

        private Sheet(PDStructureElement text, COSArray owners) {
            this.text = text;
            this.owners = owners;
            text.getCOSObject().setItem(COSName.K, kids);
        }

        /** Properties of the next run of text: its marked-content id, owned by the sheet's paragraph. */
        PDPropertyList nextText() {
            int mcid = next++;
            kids.add(COSInteger.get(mcid));
            owners.add(text);
            COSDictionary properties = new COSDictionary();
            properties.setInt(COSName.MCID, mcid);
            return PDPropertyList.create(properties);
        }
    }
}
