package org.zhaoshang.demo;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zhaoshang.advisor.Advisors;
import org.zhaoshang.system.StartupStep;

/**
 * Demo profile: the district's 招商顾问团队 (fictional people and organisations), and who introduced the demo history's
 * projects — every fifth by an advisor, some by an intermediary, an enterprise or another unit — so the advisors page and
 * the briefing's 按引荐来源 table have figures. Runs after the history; projects that already have a source keep it.
 */
@Component
@Profile("demo")
class DemoAdvisors implements StartupStep {

    private static final List<Advisors.AdvisorForm> ADVISORS = List.of(
            new Advisors.AdvisorForm("许光明", "天津市智能制造产业协会", "工业机器人、智能装备", List.of("SMART_MANUFACTURING"), "2025-03-18", true,
                    "协会常务副会长"),
            new Advisors.AdvisorForm("高慧", "某新能源集团有限公司", "动力电池、储能", List.of("NEW_ENERGY_MATERIALS"), "2025-03-18", true, null),
            new Advisors.AdvisorForm("沈一鸣", "某医药投资基金", "创新药、医疗器械投融资", List.of("BIOMEDICINE"), "2025-06-10", true, null),
            new Advisors.AdvisorForm("陆文", "天津某大学科技园", "科技成果转化", List.of("NEW_GENERATION_IT", "SMART_MANUFACTURING"), "2025-06-10",
                    true, "高层次人才引荐"),
            new Advisors.AdvisorForm("范志远", "京津冀某商会", "总部经济、商贸服务", List.of("HEADQUARTERS_ECONOMY", "MODERN_SERVICES"), "2024-09-01",
                    false, "2026 年任期届满解聘"));

    private static final String[] INTERMEDIARIES = {"某产业招商咨询有限公司", "某国际投资促进中心"};
    private static final String[] ENTERPRISES = {"已落地企业：某精密制造有限公司", "已落地企业：某生物科技有限公司"};

    private final Advisors advisors;
    private final JdbcClient jdbc;

    DemoAdvisors(Advisors advisors, JdbcClient jdbc) {
        this.advisors = advisors;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return StartupStep.DEMO_HISTORY + 10;
    }

    @Override
    public void run() {
        ADVISORS.forEach(advisors::ensure);
        // Only advisors still in office are credited (a released one keeps what was recorded before).
        List<Long> advisorIds = advisors.list().stream().filter(Advisors.Advisor::active).map(Advisors.Advisor::id).sorted().toList();
        List<Long> projects = jdbc.sql("""
                SELECT p.id FROM investment_project p WHERE NOT EXISTS (SELECT 1 FROM project_introducer i WHERE i.project_id = p.id)
                ORDER BY p.id""").query(Long.class).list();
        for (long id : projects) {
            int slot = (int) (id % 10);
            String kind;
            Long advisor = null;
            String name = null;
            switch (slot) {
                case 0, 5 -> {
                    kind = "ADVISOR";
                    advisor = advisorIds.get((int) (id / 10 % advisorIds.size()));
                }
                case 3 -> {
                    kind = "INTERMEDIARY";
                    name = INTERMEDIARIES[(int) (id / 10 % INTERMEDIARIES.length)];
                }
                case 7 -> {
                    kind = "ENTERPRISE";
                    name = ENTERPRISES[(int) (id / 10 % ENTERPRISES.length)];
                }
                default -> {
                    continue;
                }
            }
            jdbc.sql("""
                    INSERT INTO project_introducer (project_id, kind, advisor_id, name, recorded_by, recorded_at)
                    SELECT id, :kind, :advisor, :name, created_by, created_at FROM investment_project WHERE id = :id""")
                    .param("kind", kind).param("advisor", advisor).param("name", name).param("id", id).update();
        }
    }
}
