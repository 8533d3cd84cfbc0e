package org.zhaoshang.engine;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Whom a user task belongs to, for the one rule of who may complete it (see {@link TaskCompletion}). By default the
 * model says: the person its {@code camunda:assignee} names, else the units of its {@code camunda:candidateGroups}
 * (evaluated on the task, so neither a reassignment nor an added candidate gets round it). A task rule narrows it
 * where the case knows better: the unit the task belongs to now ({@link #unit}), or a named person ({@link #person}).
 */
public sealed interface TaskOwner {

    /** As the model assigns the task. */
    TaskOwner MODEL = new Model();

    /** The task belongs to one unit (a group id), as the case has it when the task is completed. */
    static TaskOwner unit(Function<DelegateTask, String> unit) {
        return new Unit(unit);
    }

    /**
     * The task belongs to one person (a user id); {@code refusal} says so to anyone else, given the person's name and
     * the task's name.
     */
    static TaskOwner person(Function<DelegateTask, String> person, BiFunction<String, String, String> refusal) {
        return new Person(person, refusal);
    }

    record Model() implements TaskOwner {
    }

    record Unit(Function<DelegateTask, String> unit) implements TaskOwner {
    }

    record Person(Function<DelegateTask, String> person, BiFunction<String, String, String> refusal) implements TaskOwner {
    }
}
