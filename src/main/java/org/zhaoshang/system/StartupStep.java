package org.zhaoshang.system;

/**
 * One step of what must be in place before the first request. Each feature contributes its own step (models,
 * the completion rules, identities, the demo district, Tasklist filters) and {@link StartupSequence} runs them in
 * {@link #order()}: the sequence knows the order, not the features.
 */
public interface StartupStep {

    /** The deployed models: every later step may rely on them. */
    int MODELS = 100;
    /** Every user task of the deployed models has its completion rule, and every rule its task. */
    int TASK_RULES = 150;
    /** The standard groups and the administrator. */
    int IDENTITIES = 200;
    /** Directory mode: the mirror of the district's directory (people, units, memberships). */
    int DIRECTORY = 250;
    /** Demo profile: the demo district's units and people. */
    int DEMO_ORGANISATION = 300;
    /** Demo profile: the past year driven through the processes (first start only; moves the engine clock). */
    int DEMO_HISTORY = 400;
    /** Tasklist's shared filters. */
    int TASKLIST_FILTERS = 500;

    int order();

    void run();
}
