package org.zhaoshang.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Removing a variable or a comment that is not there is, for Camunda, done already: the command succeeds — and
 * still writes a user-operation-log entry saying that the person removed it, and touches the task. The audit trail
 * must not record what did not happen, so when a person (an authenticated caller) removes a variable, deletes a
 * comment or a task that does not exist, the command is undone and answered with {@link NotFoundException} (404 in both REST
 * APIs, "要操作的对象不存在…"). The engine's own authorization check runs first, so a caller without access learns
 * nothing about what exists. A post-interceptor: it runs inside the command's transaction.
 */
@Component
class RemovalOfNothingGuard extends AbstractProcessEnginePlugin {

    static final String MESSAGE = "要操作的对象不存在：";

    private static final Field VARIABLE_NAMES = field(AbstractRemoveVariableCmd.class, "variableNames");
    private static final Field ENTITY_ID = field(AbstractVariableCmd.class, "entityId");
    private static final Field IS_LOCAL = field(AbstractVariableCmd.class, "isLocal");
    private static final Field TASK_COMMENT = field(DeleteTaskCommentCmd.class, "commentId");
    private static final Field TASK_OF_COMMENT = field(DeleteTaskCommentCmd.class, "taskId");
    private static final Field INSTANCE_COMMENT = field(DeleteProcessInstanceCommentCmd.class, "commentId");
    private static final Field INSTANCE_OF_COMMENT = field(DeleteProcessInstanceCommentCmd.class, "processInstanceId");
    private static final Field DELETED_TASK = field(DeleteTaskCmd.class, "taskId");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(
                EngineInternals.first(new Interceptor(), configuration.getCustomPostCommandInterceptorsTxRequired()));
    }

    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            if (context == null || context.getAuthenticatedUserId() == null) {
                return next.execute(command);
            }
            String absent = absent(command, context);
            T result = next.execute(command);
            if (absent != null) {
                throw new NotFoundException(MESSAGE + absent);
            }
            return result;
        }

        /** What the command would remove that does not exist, in Chinese; null when it all exists (or is not a removal). */
        private static String absent(Command<?> command, CommandContext context) {
            if (command instanceof AbstractRemoveVariableCmd) {
                String id = (String) read(ENTITY_ID, command);
                boolean local = (boolean) read(IS_LOCAL, command);
                AbstractVariableScope scope = command instanceof RemoveTaskVariablesCmd ? context.getTaskManager().findTaskById(id)
                        : context.getExecutionManager().findExecutionById(id);
                if (scope == null) {
                    return null; // the command says that itself
                }
                Collection<?> names = (Collection<?>) read(VARIABLE_NAMES, command);
                List<String> missing = new ArrayList<>();
                for (Object name : names == null ? List.of() : names) {
                    if (!(local ? scope.hasVariableLocal(String.valueOf(name)) : scope.hasVariable(String.valueOf(name)))) {
                        missing.add(String.valueOf(name));
                    }
                }
                return missing.isEmpty() ? null : "变量「" + String.join("」「", missing) + "」不存在，无需删除";
            }
            if (command instanceof DeleteTaskCmd) {
                String task = (String) read(DELETED_TASK, command);
                return task != null && context.getTaskManager().findTaskById(task) == null ? "任务「" + task + "」不存在，无需删除" : null;
            }
            if (command instanceof DeleteTaskCommentCmd) {
                String comment = (String) read(TASK_COMMENT, command);
                String task = (String) read(TASK_OF_COMMENT, command);
                return comment != null && task != null && context.getCommentManager().findCommentByTaskIdAndCommentId(task, comment) == null
                        ? "意见「" + comment + "」不存在，无需删除" : null;
            }
            if (command instanceof DeleteProcessInstanceCommentCmd) {
                String comment = (String) read(INSTANCE_COMMENT, command);
                String instance = (String) read(INSTANCE_OF_COMMENT, command);
                return comment != null && instance != null
                        && context.getCommentManager().findCommentByProcessInstanceIdAndCommentId(instance, comment) == null
                        ? "意见「" + comment + "」不存在，无需删除" : null;
            }
            return null;
        }
    }

    private static Object read(Field field, Object target) {
        return EngineInternals.read(field, target);
    }

    private static Field field(Class<?> type, String name) {
        return EngineInternals.field(type, name, RemovalOfNothingGuard.class);
    }
}
