package org.zhaoshang.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A mail server that answers every recipient with one fixed SMTP reply ({@code 550 …} for good,
 * {@code 451 …} for now), for the tests of how the outbox treats refusals GreenMail cannot give; and one that is
 * slow: it trickles chosen replies a byte at a time ({@link #trickling}), each byte soon enough for any read
 * time-out. It remembers the recipients of every mail it accepted.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** Where a slow server trickles: its greeting on a connection, or its reply to one recipient. */
    public interface Trickle {
        boolean at(int connection, String command);
    }

    private final ServerSocket socket;
    private final String recipientReply;
    private final java.time.Duration byteDelay;
    private final Trickle trickle;
    private final java.util.List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean slow = true;

    public ScriptedSmtpServer(String host, int port, String recipientReply) throws IOException {
        this(host, port, recipientReply, java.time.Duration.ZERO, (connection, command) -> false);
    }

    /** A server that accepts every recipient and trickles a reply where {@code trickle} says, one byte each {@code byteDelay}. */
    public static ScriptedSmtpServer trickling(String host, int port, java.time.Duration byteDelay, Trickle trickle) throws IOException {
        return new ScriptedSmtpServer(host, port, "250 2.1.5 Recipient accepted, although this server takes its time to say so",
                byteDelay, trickle);
    }

    private ScriptedSmtpServer(String host, int port, String recipientReply, java.time.Duration byteDelay, Trickle trickle) throws IOException {
        this.recipientReply = recipientReply;
        this.byteDelay = byteDelay;
        this.trickle = trickle;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        bind(new InetSocketAddress(host, port));
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port was just given up by GreenMail or the previous script; the kernel may need a moment to release it. */
    private void bind(InetSocketAddress address) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                socket.bind(address);
                return;
            } catch (java.net.BindException inUse) {
                if (System.nanoTime() > deadline) {
                    throw inUse;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inUse;
                }
            }
        }
    }

    /** The recipients of each mail accepted, in order. */
    public java.util.List<String> accepted() {
        return java.util.List.copyOf(accepted);
    }

    /** From now on the server answers at once. */
    public void speedUp() {
        slow = false;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                int number = connections.incrementAndGet();
                Thread conversation = new Thread(() -> {
                    try (client) {
                        converse(client, number);
                    } catch (IOException closed) {
                        // the client hung up (or cut us off)
                    }
                }, "scripted-smtp-" + number);
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException closed) {
                // the test is over
            }
        }
    }

    private void converse(Socket client, int connection) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 scripted ESMTP, greeting you at its own pace", trickle.at(connection, "GREETING"));
        String line;
        java.util.List<String> recipients = new java.util.ArrayList<>();
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 scripted");
                case "MAIL", "RSET", "NOOP" -> {
                    recipients.clear();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    reply(out, recipientReply, trickle.at(connection, line));
                    recipients.add(line.replaceAll(".*<(.*)>.*", "$1"));
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // message body
                    }
                    if (line != null && recipientReply.startsWith("2")) {
                        accepted.add(String.join(",", recipients));
                    }
                    reply(out, "250 OK");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void reply(OutputStream out, String line, boolean trickled) throws IOException {
        if (!trickled || !slow) {
            reply(out, line);
            return;
        }
        for (byte b : (line + "\r\n").getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            try {
                Thread.sleep(byteDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
