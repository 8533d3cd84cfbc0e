package org.zhaoshang.agreement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Which evidence files are accepted: PDF, images and office documents, recognised by their content
 * (magic bytes, and for the zip-based formats the entry that makes them what they claim), and the
 * extension must agree. Nothing is ever opened or executed on the server; files go back as downloads.
 */
final class EvidenceFiles {

    enum FileType {
        PDF("pdf"), PNG("png"), JPEG("jpg", "jpeg"), DOCX("docx"), XLSX("xlsx"), PPTX("pptx"), OFD("ofd"),
        DOC("doc", "wps"), XLS("xls", "et"), PPT("ppt");

        private final String[] extensions;

        FileType(String... extensions) {
            this.extensions = extensions;
        }

        boolean hasExtension(String extension) {
            return Arrays.asList(extensions).contains(extension);
        }
    }

    static final String ACCEPTED = "PDF、PNG、JPG、Word（doc/docx/wps）、Excel（xls/xlsx/et）、PowerPoint（ppt/pptx）、OFD";

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private EvidenceFiles() {
    }

    /** The file's type when its content and its extension agree on an accepted type. */
    static Optional<FileType> detect(String fileName, byte[] content) {
        String extension = extension(fileName);
        Optional<FileType> byContent = byContent(content, extension);
        return byContent.filter(type -> type.hasExtension(extension));
    }

    private static Optional<FileType> byContent(byte[] content, String extension) {
        if (startsWith(content, PDF)) {
            return Optional.of(FileType.PDF);
        }
        if (startsWith(content, PNG)) {
            return Optional.of(FileType.PNG);
        }
        if (startsWith(content, JPEG)) {
            return Optional.of(FileType.JPEG);
        }
        if (startsWith(content, OLE)) {
            return Arrays.stream(new FileType[] {FileType.DOC, FileType.XLS, FileType.PPT})
                    .filter(type -> type.hasExtension(extension)).findFirst();
        }
        if (startsWith(content, ZIP)) {
            return switch (extension) {
                case "docx" -> zipHas(content, "word/") ? Optional.of(FileType.DOCX) : Optional.empty();
                case "xlsx" -> zipHas(content, "xl/") ? Optional.of(FileType.XLSX) : Optional.empty();
                case "pptx" -> zipHas(content, "ppt/") ? Optional.of(FileType.PPTX) : Optional.empty();
                case "ofd" -> zipHas(content, "OFD.xml") ? Optional.of(FileType.OFD) : Optional.empty();
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** Whether the zip has an entry starting with the prefix (reads names only; at most 10,000 entries). */
    private static boolean zipHas(byte[] content, String prefix) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            for (int n = 0; n < 10_000 && (entry = zip.getNextEntry()) != null; n++) {
                if (entry.getName().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name without any path and without control characters; null when nothing is left. */
    static String cleanName(String original) {
        if (original == null) {
            return null;
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "").trim();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return null;
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
