package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Issue 27: an emoji or a CJK Extension-B character in a name or an opinion once made the 审批单's PDF fail (500) or drop
 * the line. The PDFs write each character in the first font that has it — STSong-Light, then the fallback fonts CI installs
 * (Debian's fonts-symbola and fonts-hanazono, as application.yaml names them) — and □ where none has it.
 */
public class PdfFontsTest {

    /** The fallback fonts application.yaml names (Debian and Ubuntu paths). */
    public static final List<String> FALLBACKS = List.of("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
            "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf");

    /** Whether this machine has them (CI installs them; a developer's machine may not). */
    public static boolean fallbacksInstalled() {
        return FALLBACKS.stream().allMatch(f -> Files.isReadable(Path.of(f)));
    }

    static final String RARE = "智造😀项目𠀀（投资方👍️）";

    @Test
    void withoutFallbackFontsWhatTheChineseFontLacksIsShownAsABoxAndTheDocumentIsMade() throws Exception {
        PdfFonts fonts = new PdfFonts(List.of("/nowhere/Missing.ttf"));
        assertThat(fonts.shown(RARE)).as("the variation selector has no box of its own").isEqualTo("智造□项目□（投资方□）");
        assertThat(fonts.shown(null)).isEmpty();
        assertThat(text(fonts, RARE)).contains("智造□项目□（投资方□）");
    }

    @Test
    void withTheFallbackFontsEmojiAndExtensionBAreWritten() throws Exception {
        Assumptions.assumeTrue(fallbacksInstalled(), "fallback fonts not installed (apt-get install fonts-symbola fonts-hanazono)");
        PdfFonts fonts = new PdfFonts(FALLBACKS);
        assertThat(fonts.shown(RARE)).doesNotContain("□");
        assertThat(text(fonts, RARE)).contains("智造😀项目𠀀", "👍");
        assertThat(fonts.shown("\u0378")).as("a code point no font has").isEqualTo("□");
    }

    private static String text(PdfFonts fonts, String value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(fonts.paragraph(value, 10, Font.NORMAL));
        document.add(fonts.paragraph("加粗 " + value, 10, Font.BOLD));
        document.close();
        try (var pdf = Loader.loadPDF(out.toByteArray())) {
            return new PDFTextStripper().getText(pdf);
        }
    }
}
