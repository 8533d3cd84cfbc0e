package org.zhaoshang.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP over a plain socket for bodies no client library would send whole: a body of any declared length (or
 * chunked, without one) is generated while it is sent, and the server's answer is read at the same time, so
 * sending stops as soon as the server has answered (or stopped reading). What was sent until then tells how far
 * the server read.
 */
public final class RawHttp {

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final int CHUNK = 64 * 1024;

    /** The answer (status 0: the connection ended without one), and how many body bytes the client got out. */
    public record Answer(int status, String head, String body, long sent) {

        public String header(String name) {
            Matcher header = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(head);
            return header.find() ? header.group(1) : null;
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code method path} with the headers and a body of {@code prefix} followed by filler up to {@code length}
     * bytes; {@code declared} sends Content-Length, otherwise the body goes chunked. Stops sending when the answer
     * starts, the server closes, or all is sent.
     */
    public static Answer send(int port, String method, String path, Map<String, String> headers, String contentType,
            byte[] prefix, long length, boolean declared) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(in));
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost:")
                    .append(port).append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append(declared ? "Content-Length: " + length : "Transfer-Encoding: chunked").append("\r\n\r\n");
            long sent = 0;
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                byte[] filler = new byte[CHUNK];
                Arrays.fill(filler, (byte) 'a');
                while (sent < length && !answer.isDone()) {
                    byte[] piece = sent < prefix.length ? Arrays.copyOfRange(prefix, (int) sent, (int) Math.min(prefix.length, sent + CHUNK))
                            : filler;
                    int size = (int) Math.min(piece.length, length - sent);
                    if (!declared) {
                        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(piece, 0, size);
                    if (!declared) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent += size;
                }
                if (!declared && sent >= length) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException serverStoppedReading) {
                // The server answered and closed, or reset the connection: what it said is read below.
            }
            byte[] raw;
            try {
                raw = answer.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("no answer to " + method + " " + path + " after " + sent + " bytes", e);
            }
            return parse(raw, sent);
        }
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
                if (complete(bytes.toByteArray())) {
                    break;
                }
            }
        } catch (IOException reset) {
            // what arrived before the reset is the answer
        }
        return bytes.toByteArray();
    }

    /** The answer is whole: head, and a body of its Content-Length or the last chunk. */
    private static boolean complete(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("(?m)^content-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            return raw.length - end - 4 >= Long.parseLong(length.group(1));
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }

    private static Answer parse(byte[] raw, long sent) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Matcher status = STATUS.matcher(text);
        int end = text.indexOf("\r\n\r\n");
        if (!status.find() || end < 0) {
            return new Answer(0, "", "", sent);
        }
        String head = text.substring(0, end);
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Answer(Integer.parseInt(status.group(1)), head, new String(body, StandardCharsets.UTF_8), sent);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int line = indexOf(body, at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, at, line - at, StandardCharsets.US_ASCII).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.write(body, line + 2, Math.min(size, body.length - line - 2));
            at = line + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
