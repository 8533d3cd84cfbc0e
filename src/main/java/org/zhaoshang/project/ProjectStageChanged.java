package org.zhaoshang.project;

/**
 * Published inside the transaction that registered a project ({@code from} null) or moved its stage, after the history
 * entry is written: a listener's writes (a notice in the outbox) commit or roll back with the move.
 */
public record ProjectStageChanged(InvestmentProject project, ProjectStage from, ProjectStage to, String actor, String reason) {
}
