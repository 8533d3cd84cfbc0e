package org.zhaoshang.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.InvestorCategory;
import org.zhaoshang.project.ProjectRegistration;

/**
 * Plausible projects for the demo history: Chinese company and project names, an industry that usually
 * fits the unit's 主导产业, investment sizes spread so that about a third reach the 5000万元 key-project
 * line, land for about half of them.
 */
final class DemoProjects {

    private static final List<String> CITIES = List.of("天津", "北京", "上海", "深圳", "苏州", "杭州", "青岛", "成都", "武汉", "合肥");
    private static final List<String> NAMES = List.of("华瑞", "中科", "博远", "海川", "恒泰", "金桥", "瑞丰", "启明", "东方", "润禾", "天工", "鼎盛",
            "汇通", "星河", "嘉诚", "智航", "宏图", "凯盛", "益康", "蓝海", "绿源", "长风", "锦程", "盛世");

    record Kind(String company, String product) {
    }

    private static final java.util.Map<Industry, List<Kind>> KINDS = java.util.Map.of(
            Industry.SMART_MANUFACTURING, List.of(new Kind("智能装备", "工业机器人生产基地"), new Kind("精密机械", "数控机床产业园"),
                    new Kind("汽车零部件", "新能源汽车零部件")),
            Industry.NEW_ENERGY_MATERIALS, List.of(new Kind("新能源", "储能电池生产线"), new Kind("新材料", "高性能复合材料"),
                    new Kind("光伏科技", "光伏组件制造")),
            Industry.NEW_GENERATION_IT, List.of(new Kind("信息技术", "工业互联网平台"), new Kind("数据科技", "算力中心"),
                    new Kind("半导体", "集成电路封测")),
            Industry.BIOMEDICINE, List.of(new Kind("生物医药", "创新药研发中心"), new Kind("医疗器械", "高端医疗器械产业化")),
            Industry.MODERN_SERVICES, List.of(new Kind("供应链管理", "智慧物流园"), new Kind("商业管理", "商业综合体")),
            Industry.AGRI_CULTURE_TOURISM, List.of(new Kind("农业科技", "现代农业示范园"), new Kind("文化旅游", "湖区文旅综合体")),
            Industry.HEADQUARTERS_ECONOMY, List.of(new Kind("投资控股", "区域总部"), new Kind("科技集团", "北方总部及研发中心")),
            Industry.OTHER, List.of(new Kind("实业", "综合产业项目")));

    private DemoProjects() {
    }

    static ProjectRegistration next(Random random, OrgUnit unit) {
        Industry industry = industry(random, unit);
        Kind kind = pick(random, KINDS.get(industry));
        String brand = pick(random, NAMES);
        String investor = pick(random, CITIES) + brand + kind.company() + (random.nextInt(4) == 0 ? "集团有限公司" : "有限公司");
        BigDecimal total = BigDecimal.valueOf(investment(random));
        BigDecimal foreign = random.nextInt(7) == 0 ? BigDecimal.valueOf(100L * (1 + random.nextInt(40))) : null;
        boolean needsLand = industry != Industry.HEADQUARTERS_ECONOMY && industry != Industry.MODERN_SERVICES ? random.nextInt(10) < 6
                : random.nextInt(10) < 2;
        BigDecimal land = needsLand ? BigDecimal.valueOf(10 + random.nextInt(190)) : BigDecimal.ZERO;
        return new ProjectRegistration(brand + kind.product() + "项目", investor, category(random).name(), industry.name(), total, foreign, land,
                unit.code(), null, false, null, null, (unit.kind() == OrgUnitKind.DEPARTMENT ? unit.name() + "行业招商对接，投资方拟在本区"
                        : "投资方拟在" + unit.name()) + "建设" + kind.product() + "，总投资" + total + "万元。");
    }

    /** The same project below the key-project line and without land: it passes the review without 五个一 or the government meeting. */
    static ProjectRegistration modest(ProjectRegistration r) {
        BigDecimal total = r.totalInvestment().min(BigDecimal.valueOf(4800));
        return new ProjectRegistration(r.name(), r.investor(), r.investorCategory(), r.industry(), total, r.foreignCapital(), BigDecimal.ZERO,
                r.originUnit(), r.hostUnit(), r.keyProject(), r.contactPerson(), r.contactPhone(),
                r.description().replaceAll("总投资\\d+万元", "总投资" + total + "万元"));
    }

    private static Industry industry(Random random, OrgUnit unit) {
        if (!unit.leadingIndustries().isEmpty() && random.nextInt(10) < 8) {
            return Industry.valueOf(pick(random, unit.leadingIndustries()));
        }
        return Industry.values()[random.nextInt(Industry.values().length)];
    }

    private static InvestorCategory category(Random random) {
        int r = random.nextInt(100);
        return r < 5 ? InvestorCategory.FORTUNE_GLOBAL_500 : r < 12 ? InvestorCategory.CHINA_TOP_500 : r < 20 ? InvestorCategory.PRIVATE_TOP_500
                : r < 35 ? InvestorCategory.LISTED_COMPANY : r < 55 ? InvestorCategory.SPECIALIZED_SME : InvestorCategory.OTHER;
    }

    /** 万元: 45% below 3000, 20% up to 5000, 25% up to 2亿, 10% up to 10亿. */
    private static long investment(Random random) {
        int r = random.nextInt(100);
        long value = r < 45 ? 500 + random.nextInt(2500) : r < 65 ? 3000 + random.nextInt(2000) : r < 90 ? 5000 + random.nextInt(15000)
                : 20000 + random.nextInt(80000);
        return value / 10 * 10;
    }

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
