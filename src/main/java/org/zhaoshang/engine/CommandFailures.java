package org.zhaoshang.engine;

import java.sql.SQLException;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a failed engine command means, and how it is logged.
 * <ul>
 * <li>When the database refuses what a person's command would store — a text longer than its column, a character it
 * cannot hold, a reference to a row that does not exist, a duplicate identifier — the engine reports "An exception
 * occurred in the persistence layer" as a 500. The data was the caller's: a {@link BadUserRequestException} (400 in
 * both REST APIs) with a Chinese message, the database's refusal kept as its cause. The transaction has been rolled
 * back by then: nothing of the command was stored.</li>
 * <li>Our rules' refusal of a task's input ({@link TaskInputRejected}, wrapped by the engine as a task listener's failure)
 * leaves the engine as a {@link TaskRefused}, which the REST resources answer with a 400 without logging a stack.</li>
 * <li>The engine logs every failed command at ERROR with its stack trace, except a few types (a person's refused
 * request — a task that does not exist, a missing field, our own refusal of task input — is none of them). Its
 * logging is switched off here ({@code enableCmdExceptionLogging}) and done instead: a person's request the engine
 * refused is one WARN line; anything else — a job, a start-up step, an unexpected failure — stays an ERROR with its
 * stack trace, as before.</li>
 * </ul>
 * Only commands run for an authenticated person are rewritten or shortened; the job executor's failures stay as they
 * are. Being in the engine, this covers every way in.
 */
@Component
class CommandFailures extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CommandFailures.class);
    /** The engine's words for "that object is not there" or "that input is wrong". */
    private static final java.util.regex.Pattern REFUSAL = java.util.regex.Pattern.compile("(?i)doesn't exist|does not exist|not found"
            + "|cannot find|no \\w+ found|no deployed|is null$|is required|must either have|is not a valid|cannot be|not allowed|invalid"
            + "|has no current activity|not supported|does not match|does not have|already|prohibited|cannot deserialize");
    private static final java.util.regex.Pattern OURS = java.util.regex.Pattern.compile("^[\\p{IsHan}「]");
    /** Nested commands run through the interceptors again: only the outermost one logs. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableCmdExceptionLogging(false);
        configuration.setCustomPreCommandInterceptorsTxRequired(
                EngineInternals.first(new Interceptor(configuration), configuration.getCustomPreCommandInterceptorsTxRequired()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                EngineInternals.first(new Interceptor(configuration), configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
    }

    /** The Chinese reason for a refusal of the database (SQLSTATE class 22: data, 23: integrity), or null for any other failure. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("22001")) {
                    return "提交的数据无效：内容超出了该项允许的长度，请缩短后重试";
                }
                if (state.startsWith("22")) {
                    return "提交的数据无效：内容超出范围或包含无法保存的字符";
                }
                if (state.equals("23505")) {
                    return "提交的数据无效：已存在相同标识的记录";
                }
                if (state.equals("23503") || state.equals("23506")) {
                    return "提交的数据无效：引用的对象不存在，或仍被其他记录引用";
                }
                if (state.equals("23502")) {
                    return "提交的数据无效：缺少必填内容";
                }
                if (state.startsWith("23")) {
                    return "提交的数据无效：数据不符合完整性约束";
                }
            }
        }
        return null;
    }

    /** True for a refusal by one of our own rules (a task listener, a start guard): always said in Chinese. */
    static boolean ours(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TaskInputRejected || t.getMessage() != null && OURS.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /** Our rules' refusal of task input somewhere in the failure's causes, or null. */
    static TaskInputRejected rejection(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TaskInputRejected rejected) {
                return rejected;
            }
        }
        return null;
    }

    /** True when a person's command failed because of what the person asked (their input, their rights, a race they lost). */
    static boolean refusal(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BadUserRequestException || t instanceof AuthorizationException || t instanceof OptimisticLockingException
                    || t instanceof NullValueException || t instanceof NotValidException || t instanceof ParseException
                    || t instanceof TaskInputRejected || t instanceof org.camunda.bpm.engine.MismatchingMessageCorrelationException) {
                return true;
            }
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure instanceof NullPointerException && failure.getStackTrace().length > 0
                && failure.getStackTrace()[0].getClassName().startsWith("org.camunda.bpm.engine.impl.")) {
            // The engine did not find what the request named (a task, a definition) and says so badly: not our code.
            return true;
        }
        // Our own refusals are in Chinese (TaskInputRejected, the start guards); the engine's wording names what is wrong.
        return failure instanceof ProcessEngineException && !message.contains("persistence layer")
                && (OURS.matcher(message).find() || REFUSAL.matcher(message).find());
    }

    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            int[] depth = DEPTH.get();
            depth[0]++;
            try {
                return next.execute(command);
            } catch (RuntimeException failure) {
                RuntimeException thrown = failure;
                IdentityService identity = configuration.getIdentityService();
                var person = identity.getCurrentAuthentication();
                String reason = person == null || failure instanceof BadUserRequestException ? null : reason(failure);
                if (reason != null) {
                    thrown = new BadUserRequestException(reason, failure);
                }
                TaskInputRejected rejected = rejection(failure);
                if (depth[0] == 1 && rejected != null && !(failure instanceof TaskRefused)) {
                    thrown = new TaskRefused(rejected.getMessage(), failure);
                }
                if (depth[0] == 1) {
                    // Our own rules' refusals are never faults, whoever called; the engine's are when a person's request caused them.
                    if (failure instanceof org.camunda.bpm.engine.impl.identity.IdentityProviderException) {
                        // The district's directory is down or refused the connection: the caller says what it means
                        // (a login refused, a refresh postponed); the last mirror keeps serving.
                        log.warn("{}: the directory cannot be reached: {}", command.getClass().getSimpleName(), rootMessage(failure));
                    } else if (ours(failure) || person != null && refusal(thrown)) {
                        log.warn("{} by {} refused: {}", command.getClass().getSimpleName(), person == null ? "the application" : person.getUserId(),
                                rootMessage(failure));
                    } else {
                        log.error("ENGINE-16004 Exception while closing command context: {}", failure.getMessage(), failure);
                    }
                }
                throw thrown;
            } finally {
                depth[0]--;
            }
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = String.valueOf(root.getMessage()).replaceAll("\\s+", " ");
            return message.length() > 300 ? message.substring(0, 300) + "…" : message;
        }
    }
}
