package org.zhaoshang.handoff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 三七分成: which unit a project's figures count for. A moved project counts for its origin unit
 * (share {@code app.handoff.origin-share}, 30%) and its landing unit (the rest) in 落地项目数, 内资到位额
 * and 税收; any other project counts fully for its host unit. Reports (briefings, rankings) attribute
 * every figure through {@link #attribute}.
 */
@Service
public class CreditShares {

    public record Share(String projectCode, String originUnit, String landingUnit, BigDecimal originRatio,
            BigDecimal landingRatio, OffsetDateTime effectiveAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CreditShares(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Share record(String code, String originUnit, String landingUnit, BigDecimal originRatio) {
        BigDecimal landing = BigDecimal.ONE.subtract(originRatio);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("DELETE FROM credit_share WHERE project_code = :code").param("code", code).update();
        jdbc.sql("""
                INSERT INTO credit_share (project_code, origin_unit, landing_unit, origin_ratio, landing_ratio, effective_at)
                VALUES (:code, :origin, :landing, :originRatio, :landingRatio, :now)""")
                .param("code", code).param("origin", originUnit).param("landing", landingUnit)
                .param("originRatio", originRatio).param("landingRatio", landing).param("now", now).update();
        return find(code).orElseThrow();
    }

    public Optional<Share> find(String code) {
        return jdbc.sql("SELECT * FROM credit_share WHERE project_code = :code").param("code", code)
                .query((rs, n) -> new Share(rs.getString("project_code"), rs.getString("origin_unit"), rs.getString("landing_unit"),
                        rs.getBigDecimal("origin_ratio"), rs.getBigDecimal("landing_ratio"),
                        rs.getObject("effective_at", OffsetDateTime.class)))
                .optional();
    }

    /**
     * How much of a project's figure (a 落地 count, 内资到位额 or 税收) each unit is credited with: the
     * 30/70 split for a moved project, everything to the host unit otherwise.
     */
    public Map<String, BigDecimal> attribute(String code, String hostUnit, BigDecimal amount) {
        return split(find(code), hostUnit, amount);
    }

    /** {@link #attribute} for a share already read (reports that join {@code credit_share} themselves). */
    public static Map<String, BigDecimal> split(Optional<Share> share, String hostUnit, BigDecimal amount) {
        Map<String, BigDecimal> credited = new LinkedHashMap<>();
        if (share.isEmpty()) {
            credited.put(hostUnit, amount);
            return credited;
        }
        BigDecimal origin = amount.multiply(share.get().originRatio()).setScale(2, RoundingMode.HALF_UP);
        credited.put(share.get().originUnit(), origin);
        credited.merge(share.get().landingUnit(), amount.subtract(origin), BigDecimal::add);
        return credited;
    }
}
