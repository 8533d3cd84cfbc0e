package org.zhaoshang.project;

/**
 * A project's 产业链 in SQL: its industry's, unless 合作交流办 or its host unit moved it to another chain with a reason (table
 * {@code project_chain}, kept by the chain feature). One rule for the ledger's filter and every chain figure.
 */
public final class EffectiveChain {

    private EffectiveChain() {
    }

    /** The chain (an {@link Industry} name) of the {@code investment_project} row named {@code alias}. */
    public static String of(String alias) {
        return "COALESCE((SELECT pc.industry FROM project_chain pc WHERE pc.project_id = " + alias + ".id), " + alias + ".industry)";
    }
}
