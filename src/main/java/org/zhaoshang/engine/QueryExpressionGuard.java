package org.zhaoshang.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Closes the expression-injection hole of Camunda 7.24's task query: the engine refuses expressions in
 * ad-hoc queries, but its validator looks only at the top-level query, while the expressions of nested
 * {@code orQueries} are evaluated all the same — a JUEL expression sent to {@code /engine-rest/task} or to
 * the webapps' API would run on the server. An engine command interceptor checks, before any query runs:
 * <ul>
 * <li>a task query (top level and every or-query) carries no expression at all when ad-hoc expressions are
 * disabled — also the query a request adds to a saved filter;</li>
 * <li>a saved filter's query uses only the date and identity helpers Tasklist's filter dialog offers
 * ({@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}}, {@code ${dateTime()…toDate()}}),
 * checked when the filter is saved.</li>
 * </ul>
 * Being in the engine, it covers every way in: the REST API, the webapps' API and Java callers.
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

    /** What Tasklist's filter dialog writes; nothing here can reach a class, a bean or a method of choice. */
    static final Pattern ALLOWED_STORED = Pattern.compile("\\$\\{\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
            + "|dateTime\\(\\)(\\.(plus|minus)(Seconds|Minutes|Hours|Days|Weeks|Months|Years)\\(\\s*\\d{1,5}\\s*\\))*\\.toDate\\(\\))\\s*}");

    private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
    private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                EngineInternals.first(new Interceptor(configuration), configuration.getCustomPreCommandInterceptorsTxRequired()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                EngineInternals.first(new Interceptor(configuration), configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
    }

    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof TaskQueryImpl query) {
                checkAdhoc(query);
            } else if (command instanceof AbstractExecuteFilterCmd) {
                if (read(EXTENDING_QUERY, command) instanceof TaskQueryImpl extending) {
                    checkAdhoc(extending);
                }
            } else if (command instanceof SaveFilterCmd) {
                if (read(SAVED_FILTER, command) instanceof Filter filter && filter.getQuery() instanceof TaskQueryImpl stored) {
                    checkStored(stored);
                }
            }
            return next.execute(command);
        }

        private void checkAdhoc(TaskQueryImpl query) {
            if (configuration.isEnableExpressionsInAdhocQueries()) {
                return;
            }
            for (AbstractQuery<?, ?> part : parts(query)) {
                if (!part.getExpressions().isEmpty()) {
                    throw new BadUserRequestException("查询条件中不允许使用表达式（包括 orQueries 中的条件）："
                            + String.join("、", part.getExpressions().keySet()));
                }
            }
        }

        private void checkStored(TaskQueryImpl query) {
            for (AbstractQuery<?, ?> part : parts(query)) {
                for (Map.Entry<String, String> expression : part.getExpressions().entrySet()) {
                    if (expression.getValue() == null || !ALLOWED_STORED.matcher(expression.getValue()).matches()) {
                        throw new BadUserRequestException("过滤器条件 " + expression.getKey() + " 中的表达式不允许使用；只能使用 "
                                + "${currentUser()}、${currentUserGroups()}、${now()} 或 ${dateTime().plusDays(n).toDate()} 这类日期表达式");
                    }
                }
            }
        }

        /** The query itself and its or-queries (the first entry of {@code getQueries()} is the query itself). */
        private static List<AbstractQuery<?, ?>> parts(TaskQueryImpl query) {
            List<AbstractQuery<?, ?>> parts = new ArrayList<>();
            parts.add(query);
            if (query.getQueries() != null) {
                for (TaskQueryImpl or : query.getQueries()) {
                    if (or != query) {
                        parts.add(or);
                    }
                }
            }
            return parts;
        }
    }

    private static Field field(Class<?> type, String name) {
        return EngineInternals.field(type, name, QueryExpressionGuard.class);
    }

    private static Object read(Field field, Object target) {
        return EngineInternals.read(field, target);
    }
}
