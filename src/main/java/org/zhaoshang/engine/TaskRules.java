package org.zhaoshang.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.TaskListener;

/** The rules of one process's user tasks, as {@link ProcessTasks#define} names them. */
public final class TaskRules {

    private final String processKey;
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public TaskRules(String processKey) {
        this.processKey = processKey;
    }

    /** Starts the rule of one user task (its id in the model); each task is named once. */
    public Rule task(String taskKey) {
        Rule rule = new Rule(processKey, taskKey);
        if (rules.putIfAbsent(taskKey, rule) != null) {
            throw new IllegalStateException("Task " + taskKey + " of " + processKey + " has two rules");
        }
        return rule;
    }

    public String processKey() {
        return processKey;
    }

    public Map<String, Rule> rules() {
        return Collections.unmodifiableMap(rules);
    }

    /** One user task: whom it belongs to, what its creation and its completion do. */
    public static final class Rule {

        private final String processKey;
        private final String taskKey;
        private TaskOwner owner = TaskOwner.MODEL;
        private TaskListener created;
        private TaskHandler handler;

        Rule(String processKey, String taskKey) {
            this.processKey = processKey;
            this.taskKey = taskKey;
        }

        /** Narrows whom the task belongs to (default: as the model assigns it). */
        public Rule belongsTo(TaskOwner owner) {
            this.owner = Objects.requireNonNull(owner);
            return this;
        }

        /** Runs when the task is created (a summary for the form, read rights for a team). */
        public Rule onCreate(TaskListener listener) {
            this.created = Objects.requireNonNull(listener);
            return this;
        }

        /** What completing the task does. */
        public Rule completes(TaskHandler handler) {
            this.handler = Objects.requireNonNull(handler);
            return this;
        }

        public String processKey() {
            return processKey;
        }

        public String taskKey() {
            return taskKey;
        }

        public TaskOwner owner() {
            return owner;
        }

        public TaskListener created() {
            return created;
        }

        public TaskHandler handler() {
            return handler;
        }
    }
}
