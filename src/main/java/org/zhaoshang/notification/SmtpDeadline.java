package org.zhaoshang.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Every step of an SMTP conversation — connecting, each mail, saying goodbye — ends by a deadline
 * ({@code app.mail.attempt-timeout}). Jakarta Mail's time-outs bound each read and write, not a conversation: a
 * server answering a byte every 20 s kept mails in SENDING for minutes, and a node taking over such a "stale" mail
 * would send it a second time while the first node was still at it. Our SMTP sockets come from this class's socket
 * factory (installed as {@code mail.smtp.socketFactory}; with SSL on connect Jakarta Mail layers TLS over it), so at
 * the deadline a watchdog closes them and the step fails at once.
 */
@Configuration(proxyBeanMethods = false)
class SmtpDeadline {

    static final String SOCKET_FACTORY = "mail.smtp.socketFactory";
    /** The sockets of the connection being opened on this thread. */
    private static final ThreadLocal<List<Socket>> OPENING = new ThreadLocal<>();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "smtp-deadline");
        thread.setDaemon(true);
        return thread;
    });
    static final SocketFactory SOCKETS = new TrackedSockets();

    /** Spring Boot's mail sender gets the socket factory before its session is made. */
    @Bean
    static BeanPostProcessor smtpSocketFactory() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof JavaMailSenderImpl sender) {
                    sender.getJavaMailProperties().putIfAbsent(SOCKET_FACTORY, SOCKETS);
                }
                return bean;
            }
        };
    }

    /** A step that did not end by the deadline: its connection was closed under it. */
    static final class TimedOut extends MessagingException {

        TimedOut(String step, Duration limit, Exception cause) {
            super("SMTP " + step + " not finished within " + limit.toSeconds() + " s; connection closed", cause);
        }
    }

    /** One SMTP connection whose every step ends by the deadline. */
    static final class Connection implements AutoCloseable {

        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Transport transport;
        private final Duration limit;
        private volatile boolean cut;

        private Connection(Transport transport, Duration limit) {
            this.transport = transport;
            this.limit = limit;
        }

        /** Connects as Spring's sender would (its host, port, protocol and credentials). */
        static Connection open(JavaMailSenderImpl sender, Duration limit) throws MessagingException {
            Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
            Connection connection = new Connection(transport, limit);
            String username = "".equals(sender.getUsername()) ? null : sender.getUsername();
            String password = username == null && "".equals(sender.getPassword()) ? null : sender.getPassword();
            OPENING.set(connection.sockets);
            try {
                connection.step("connect", () -> transport.connect(sender.getHost(), sender.getPort(), username, password));
            } finally {
                OPENING.remove();
            }
            return connection;
        }

        /** Sends one mail, as Spring's sender does (sent date, saved changes, its own Message-ID kept). */
        void send(MimeMessage message) throws MessagingException {
            step("delivery", () -> {
                if (message.getSentDate() == null) {
                    message.setSentDate(new Date());
                }
                String messageId = message.getMessageID();
                message.saveChanges();
                if (messageId != null) {
                    message.setHeader("Message-ID", messageId);
                }
                Address[] recipients = message.getAllRecipients();
                transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
            });
        }

        /** False once a step was cut or the server closed: the next mail needs a new connection. */
        boolean usable() {
            return !cut && transport.isConnected();
        }

        @Override
        public void close() {
            try {
                if (!cut && transport.isConnected()) {
                    step("quit", transport::close);
                }
            } catch (MessagingException | RuntimeException e) {
                // the mails are delivered or not; goodbye does not change that
            } finally {
                cutSockets();
            }
        }

        private void step(String name, Step work) throws MessagingException {
            ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
                cut = true;
                cutSockets();
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            try {
                work.run();
            } catch (MessagingException | RuntimeException e) {
                if (cut) {
                    throw new TimedOut(name, limit, e);
                }
                throw e;
            } finally {
                // Cut just after the step ended well: the step stands (the server has answered), the connection does not.
                deadline.cancel(false);
            }
        }

        private void cutSockets() {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        }
    }

    private interface Step {
        void run() throws MessagingException;
    }

    /** Plain sockets, each remembered by the connection being opened on the calling thread. */
    private static final class TrackedSockets extends SocketFactory {

        private final SocketFactory plain = SocketFactory.getDefault();

        private static Socket tracked(Socket socket) {
            List<Socket> opening = OPENING.get();
            if (opening != null) {
                opening.add(socket);
            }
            return socket;
        }

        @Override
        public Socket createSocket() throws IOException {
            return tracked(plain.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return tracked(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return tracked(plain.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return tracked(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return tracked(plain.createSocket(address, port, localAddress, localPort));
        }
    }
}
