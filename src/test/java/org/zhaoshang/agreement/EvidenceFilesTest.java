package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/** Evidence files are recognised by content, and the extension must agree. */
class EvidenceFilesTest {

    @Test
    void acceptedTypesAreRecognisedByContentAndExtension() throws IOException {
        assertThat(EvidenceFiles.detect("营业执照.PDF", "%PDF-1.7 ...".getBytes())).contains(EvidenceFiles.FileType.PDF);
        assertThat(EvidenceFiles.detect("现场.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).contains(EvidenceFiles.FileType.JPEG);
        assertThat(EvidenceFiles.detect("到位证明.docx", zip("word/document.xml"))).contains(EvidenceFiles.FileType.DOCX);
        assertThat(EvidenceFiles.detect("电子发票.ofd", zip("OFD.xml"))).contains(EvidenceFiles.FileType.OFD);
    }

    @Test
    void disguisedOrUnknownFilesAreRefused() throws IOException {
        assertThat(EvidenceFiles.detect("证明.pdf", "MZ\u0090\u0000 this is a program".getBytes())).isEmpty();
        assertThat(EvidenceFiles.detect("证明.pdf.exe", "%PDF-1.4".getBytes())).as("extension must agree").isEmpty();
        assertThat(EvidenceFiles.detect("证明.html", "<html><script>alert(1)</script>".getBytes())).isEmpty();
        assertThat(EvidenceFiles.detect("宏.docx", zip("evil.sh"))).as("a zip that is not a Word document").isEmpty();
        assertThat(EvidenceFiles.detect("空.pdf", new byte[0])).isEmpty();
    }

    @Test
    void namesLoseTheirPathAndControlCharacters() {
        assertThat(EvidenceFiles.cleanName("C:\\Users\\张三\\到位证明.pdf")).isEqualTo("到位证明.pdf");
        assertThat(EvidenceFiles.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(EvidenceFiles.cleanName("a\u0000b\"<c>.pdf")).isEqualTo("abc.pdf");
        assertThat(EvidenceFiles.cleanName("..")).isNull();
        assertThat(EvidenceFiles.cleanName("  ")).isNull();
    }

    static byte[] zip(String entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("x".getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
