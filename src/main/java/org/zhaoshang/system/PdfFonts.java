package org.zhaoshang.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;

/**
 * The fonts of the PDFs the product writes (审批单, unit reports): the PDF viewer's own Chinese font (STSong-Light, not
 * embedded: every reader has it) first, then the fallback fonts configured under {@code app.pdf.fallback-fonts} — files
 * embedded (subset) for what STSong lacks: emoji (Symbola), CJK Extension B and beyond (花园明朝 HanaMinB). Each character
 * is written in the first font that has it; one that none has is shown as □ rather than failing the document or dropping
 * the line (OpenPDF's {@link FontSelector} would silently skip it). Fallback files that are missing are named in one
 * warning at start-up.
 */
@Component
public class PdfFonts {

    private static final Logger log = LoggerFactory.getLogger(PdfFonts.class);
    static final int MISSING = '□';

    private final BaseFont chinese;
    private final List<BaseFont> fallbacks = new ArrayList<>();

    PdfFonts(@Value("${app.pdf.fallback-fonts:}") List<String> fallbackFiles) throws Exception {
        this.chinese = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        List<String> missing = new ArrayList<>();
        for (String file : fallbackFiles) {
            String path = file.strip();
            if (path.isEmpty()) {
                continue;
            }
            if (!Files.isReadable(Path.of(path.replaceFirst(",\\d+$", "")))) {
                missing.add(path);
                continue;
            }
            try {
                fallbacks.add(BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
            } catch (Exception e) {
                log.warn("PDF fallback font {} could not be read: {}", path, e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            log.warn("PDF fallback fonts not found: {}. Emoji and rare characters (CJK Extension B) show as □ in PDFs; on Debian or "
                    + "Ubuntu install fonts-symbola and fonts-hanazono, or set app.pdf.fallback-fonts.", missing);
        }
    }

    /** {@code text} in the given size and style (Font.NORMAL, Font.BOLD), each character in the first font that has it. */
    public Phrase phrase(String text, float size, int style) {
        FontSelector selector = new FontSelector();
        selector.addFont(new Font(chinese, size, style));
        fallbacks.forEach(f -> selector.addFont(new Font(f, size, style)));
        Phrase phrase = selector.process(shown(text));
        phrase.setLeading(size * 1.5f);
        return phrase;
    }

    public Paragraph paragraph(String text, float size, int style) {
        return new Paragraph(phrase(text, size, style));
    }

    /** The text as the PDF can show it: characters no font has become □; null becomes empty. */
    String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (covered(cp)) {
                shown.appendCodePoint(cp);
            } else if (!invisible(cp)) {
                shown.appendCodePoint(MISSING);
            }
        });
        return shown.toString();
    }

    /** Joiners and variation selectors (an emoji's U+FE0F, U+200D) have no glyph of their own: dropped when no font has them. */
    private static boolean invisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT || codePoint >= 0xFE00 && codePoint <= 0xFE0F
                || codePoint >= 0xE0100 && codePoint <= 0xE01EF;
    }

    boolean covered(int codePoint) {
        if (codePoint == '\n' || codePoint == '\r') {
            return true;
        }
        if (codePoint <= 0xFFFF && chinese.charExists(codePoint)) {
            return true;
        }
        return fallbacks.stream().anyMatch(f -> f.charExists(codePoint));
    }
}
