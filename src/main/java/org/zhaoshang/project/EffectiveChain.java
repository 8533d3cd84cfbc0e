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

    /**
     * A condition "the project named by {@code codeColumn}, whose industry is {@code industryColumn}, is in the chain
     * {@code :param}", for tables that copy a project's code and industry (the dashboard's task facts): the copied industry
     * decides unless the project was moved (few rows in {@code project_chain}), so the large table needs no join per row.
     */
    public static String containsCode(String codeColumn, String industryColumn, String param) {
        String moved = "SELECT p.code FROM project_chain pc JOIN investment_project p ON p.id = pc.project_id";
        return "((" + industryColumn + " = :" + param + " AND " + codeColumn + " NOT IN (" + moved + "))"
                + " OR " + codeColumn + " IN (" + moved + " WHERE pc.industry = :" + param + "))";
    }
}
