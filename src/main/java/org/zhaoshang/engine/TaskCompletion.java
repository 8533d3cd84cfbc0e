package org.zhaoshang.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.StartupStep;

/**
 * The one way every user task is completed (Tasklist, the engine's REST API, the app's own pages alike). Attached to
 * every user task of every model as it is parsed, so no model carries a listener line and none can forget one:
 * <ol>
 * <li>who completes it: the authenticated person (a step the system runs itself has none and passes);</li>
 * <li>may they: the task belongs to the person the model assigns it to, else to the units of its candidate groups,
 * unless its rule names the unit or person it belongs to now ({@link TaskOwner}); nobody else completes it,
 * whoever it was handed to;</li>
 * <li>the {@link CompletionGuard}s of every task (an open 加签 holds it);</li>
 * <li>the task's own {@link TaskHandler}, given the form's values through one reader ({@link TaskForm}).</li>
 * </ol>
 * A refusal at any step throws {@link TaskInputRejected}: the completion rolls back, the person's input stays in
 * the form, and the engine APIs answer a 400 in Chinese. The rules come from the {@link ProcessTasks} bean of each
 * process; start-up fails when a deployed user task has no rule or a rule names no task.
 */
@Component
public class TaskCompletion extends UserTaskPlugin implements StartupStep {

    private static final Logger log = LoggerFactory.getLogger(TaskCompletion.class);

    /**
     * The listeners the models named before this pipeline existed. Versions deployed before it still carry them; they
     * are dropped as those versions are parsed, and the pipeline does their work.
     */
    static final Set<String> FORMER_LISTENERS = Set.of("${completeReviewTaskListener}", "${completeHandoffTaskListener}",
            "${completeKeyProjectTaskListener}", "${completeAgreementTaskListener}", "${completeBriefingTaskListener}",
            "${recordExtraOpinionListener}", "${shareWithTeamListener}", "${interviewSummaryListener}");

    private final ObjectProvider<ProcessTasks> processes;
    private final ObjectProvider<CompletionGuard> guards;
    private final ObjectProvider<OrgDirectory> directory;
    private final ObjectProvider<RepositoryService> repository;
    private volatile Map<String, Map<String, TaskRules.Rule>> rules;
    private volatile List<CompletionGuard> guardList;

    TaskCompletion(ObjectProvider<ProcessTasks> processes, ObjectProvider<CompletionGuard> guards, ObjectProvider<OrgDirectory> directory,
            ObjectProvider<RepositoryService> repository) {
        this.processes = processes;
        this.guards = guards;
        this.directory = directory;
        this.repository = repository;
    }

    @Override
    protected void addListeners(ActivityImpl activity, TaskDefinition definition) {
        for (List<TaskListener> listeners : definition.getTaskListeners().values()) {
            listeners.removeIf(listener -> listener instanceof DelegateExpressionTaskListener expression
                    && FORMER_LISTENERS.contains(expression.getExpressionText().replace(" ", "")));
        }
        String processKey = activity.getProcessDefinition() instanceof ProcessDefinitionEntity entity ? entity.getKey()
                : activity.getProcessDefinition().getId();
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, task -> created(processKey, task));
        definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> complete(processKey, definition, task));
    }

    void created(String processKey, DelegateTask task) {
        TaskRules.Rule rule = rule(processKey, task.getTaskDefinitionKey());
        if (rule != null && rule.created() != null) {
            rule.created().notify(task);
        }
    }

    void complete(String processKey, TaskDefinition definition, DelegateTask task) {
        TaskRules.Rule rule = rule(processKey, task.getTaskDefinitionKey());
        if (rule == null && rules().containsKey(processKey)) {
            log.error("No completion rule for task {} of {}: the deployed model and the application do not match",
                    task.getTaskDefinitionKey(), processKey);
            throw new TaskInputRejected("「" + task.getName() + "」没有办理规则（流程模型与程序版本不一致），请联系管理员");
        }
        String actor = mayComplete(task, definition, rule == null ? TaskOwner.MODEL : rule.owner());
        guards().forEach(guard -> guard.check(task));
        if (rule != null) {
            rule.handler().complete(new CompletingTask(task, actor));
        }
    }

    /** The one rule of who may complete a task; returns who completes it. */
    String mayComplete(DelegateTask task, TaskDefinition definition, TaskOwner owner) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null) {
            return task.getAssignee() != null ? task.getAssignee() : "system";
        }
        String user = authentication.getUserId();
        List<String> mine = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (owner instanceof TaskOwner.Person person) {
            String named = person.person().apply(task);
            if (!user.equals(named)) {
                throw new TaskInputRejected(person.refusal().apply(directory.getObject().personName(named), task.getName()));
            }
        } else if (owner instanceof TaskOwner.Unit unit) {
            requireMember(task, Set.of(unit.unit().apply(task)), mine);
        } else if (definition.getAssigneeExpression() != null) {
            String named = String.valueOf(definition.getAssigneeExpression().getValue(task));
            if (!user.equals(named)) {
                throw new TaskInputRejected("只有" + directory.getObject().personName(named) + "本人可以办理「" + task.getName() + "」");
            }
        } else {
            requireMember(task, candidateGroups(definition, task), mine);
        }
        return user;
    }

    private void requireMember(DelegateTask task, Set<String> groups, List<String> mine) {
        if (!groups.isEmpty() && mine.stream().noneMatch(groups::contains)) {
            // "只有区生态环境局的人员可以办理…"; the leaders are people, not a unit: "只有区领导可以办理…".
            String who = groups.equals(Set.of(GroupIds.LEADER)) ? "区领导"
                    : groups.stream().map(directory.getObject()::unitName).sorted().collect(Collectors.joining("、")) + "的人员";
            throw new TaskInputRejected("只有" + who + "可以办理「" + task.getName() + "」");
        }
    }

    /** The candidate groups as the model gives them, evaluated on the task (a text with commas or a collection). */
    private static Set<String> candidateGroups(TaskDefinition definition, DelegateTask task) {
        Set<String> groups = new LinkedHashSet<>();
        for (Expression expression : definition.getCandidateGroupIdExpressions()) {
            Object value = expression.getValue(task);
            Collection<?> values = value instanceof Collection<?> collection ? collection
                    : value == null ? List.of() : List.of(value.toString().split(","));
            values.stream().map(v -> String.valueOf(v).strip()).filter(v -> !v.isEmpty()).forEach(groups::add);
        }
        return groups;
    }

    private TaskRules.Rule rule(String processKey, String taskKey) {
        Map<String, TaskRules.Rule> process = rules().get(processKey);
        return process == null ? null : process.get(taskKey);
    }

    /** The guards, resolved once (after the engine exists): a completion does not look up beans. */
    private List<CompletionGuard> guards() {
        List<CompletionGuard> known = guardList;
        if (known == null) {
            known = guards.orderedStream().toList();
            guardList = known;
        }
        return known;
    }

    /** Every process's rules, read once from the {@link ProcessTasks} beans (after the engine exists). */
    Map<String, Map<String, TaskRules.Rule>> rules() {
        Map<String, Map<String, TaskRules.Rule>> known = rules;
        if (known == null) {
            known = read(processes.orderedStream().toList());
            rules = known;
        }
        return known;
    }

    /** The rules of the given processes, by process key; a process defined twice or a task without handler is refused. */
    public static Map<String, Map<String, TaskRules.Rule>> read(List<ProcessTasks> beans) {
        Map<String, Map<String, TaskRules.Rule>> all = new LinkedHashMap<>();
        for (ProcessTasks bean : beans) {
            TaskRules rules = new TaskRules(bean.processKey());
            bean.define(rules);
            for (TaskRules.Rule rule : rules.rules().values()) {
                if (rule.handler() == null) {
                    throw new IllegalStateException("Task " + rule.taskKey() + " of " + rule.processKey() + " has no handler");
                }
            }
            if (all.put(bean.processKey(), rules.rules()) != null) {
                throw new IllegalStateException("Process " + bean.processKey() + " has two ProcessTasks beans");
            }
        }
        return all;
    }

    @Override
    public int order() {
        return StartupStep.TASK_RULES;
    }

    /** Start-up fails when a deployed model and the rules disagree: a task without rule, a rule without task. */
    @Override
    public void run() {
        List<String> problems = mismatches(rules(), deployedUserTasks());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The completion rules do not match the deployed models: " + String.join("; ", problems));
        }
        log.info("Completion rules: {} processes, {} user tasks", rules().size(), rules().values().stream().mapToInt(Map::size).sum());
    }

    /** The user task ids of every deployed version of the application's own processes, by process key. */
    private Map<String, Set<String>> deployedUserTasks() {
        RepositoryService repositoryService = repository.getObject();
        Set<String> ours = repositoryService.createDeploymentQuery().deploymentSource(ModelDeployer.SOURCE).list().stream()
                .map(org.camunda.bpm.engine.repository.Deployment::getId).collect(Collectors.toSet());
        Map<String, Set<String>> tasks = new LinkedHashMap<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().asc().unlimitedList()) {
            if (ours.contains(definition.getDeploymentId())) {
                Set<String> ids = tasks.computeIfAbsent(definition.getKey(), key -> new TreeSet<>());
                repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
                        .forEach(task -> ids.add(task.getId()));
            }
        }
        return tasks;
    }

    /**
     * What does not match between the rules and the user tasks of the models (by process key): a task without a rule, a
     * rule for a task its deployed model does not have. Empty when all match.
     */
    public static List<String> mismatches(Map<String, Map<String, TaskRules.Rule>> rules, Map<String, Set<String>> userTasks) {
        List<String> problems = new ArrayList<>();
        userTasks.forEach((process, tasks) -> {
            Map<String, TaskRules.Rule> defined = rules.getOrDefault(process, Map.of());
            tasks.stream().filter(task -> !defined.containsKey(task)).forEach(task -> problems.add(process + ": user task " + task + " has no rule"));
        });
        rules.forEach((process, defined) -> {
            Set<String> tasks = userTasks.get(process);
            if (tasks == null) {
                return; // not deployed here (a node configured with other models): nothing to complete
            }
            defined.keySet().stream().filter(task -> !tasks.contains(task))
                    .forEach(task -> problems.add(process + ": the rule for " + task + " names no user task of the model"));
        });
        return problems;
    }
}
