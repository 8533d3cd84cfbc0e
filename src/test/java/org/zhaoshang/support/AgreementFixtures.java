package org.zhaoshang.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Agreement rows written straight into the tables, for the reports that read them (briefings, 税收). */
public final class AgreementFixtures {

    private AgreementFixtures() {
    }

    /**
     * An active agreement of the project, signed and registered on {@code signedOn} (10:00), with one milestone of
     * {@code type} verified 达成 at {@code verifiedAt} with its actual value; returns the agreement's id.
     */
    public static long withVerifiedMilestone(JdbcClient jdbc, String projectCode, String agreementNo, String signedOn, String type, String title,
            String target, String dueOn, String responsibleUnit, String actual, Date verifiedAt) {
        jdbc.sql("""
                INSERT INTO agreement (project_code, agreement_no, signed_on, parties, total_investment, status, version, registered_by, registered_at)
                VALUES (:code, :no, :signedOn, '区政府；投资方', 5000, 'ACTIVE', 1, 'huangtao', :registeredAt)""")
                .param("code", projectCode).param("no", agreementNo).param("signedOn", LocalDate.parse(signedOn))
                .param("registeredAt", EscalationProbe.at(signedOn + "T10:00")).update();
        long agreementId = jdbc.sql("SELECT id FROM agreement WHERE agreement_no = :no").param("no", agreementNo).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO agreement_milestone (agreement_id, position, type, title, target_value, target_unit, due_on, responsible_unit,
                    verifying_department, status, actual_value, verified_by, verified_at)
                VALUES (:a, 1, :type, :title, :target, '万元', :due, :unit, 'dept-gongxin', 'MET', :actual, 'maliang', :at)""")
                .param("a", agreementId).param("type", type).param("title", title).param("target", new BigDecimal(target))
                .param("due", LocalDate.parse(dueOn)).param("unit", responsibleUnit).param("actual", new BigDecimal(actual))
                .param("at", verifiedAt).update();
        return agreementId;
    }
}
