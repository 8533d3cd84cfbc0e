package org.zhaoshang.demo;

import org.zhaoshang.identity.AuthorizationGrants;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.IdentityBootstrap;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffProfile;
import org.zhaoshang.notification.PersonChannels;
import org.zhaoshang.system.StartupStep;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo district (profile {@code demo}): six streets, two parks, the standard departments and 38
 * people with Chinese names, so a newcomer can log in as any role and walk every process. Every demo
 * account has the password from {@code app.demo.password} ("demo"). Idempotent: existing users and
 * units are left as they are.
 */
@Component
@Profile("demo")
public class DemoOrganisation implements StartupStep {

    @Override
    public int order() {
        return StartupStep.DEMO_ORGANISATION;
    }

    @Override
    public void run() {
        seed();
    }


    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    record DemoUnit(String code, String name, OrgUnitKind kind, List<String> leadingIndustries, String head) {
    }

    /** A demo person: family name and given name kept apart as Camunda stores them. */
    record DemoUser(String id, String familyName, String givenName, String unit, String title, String supervisor,
            List<String> extraGroups) {

        DemoUser(String id, String familyName, String givenName, String unit, String title, String supervisor) {
            this(id, familyName, givenName, unit, title, supervisor, List.of());
        }
    }

    static final List<DemoUnit> UNITS = List.of(
            new DemoUnit("unit-street-jinzhong", "金钟街道", OrgUnitKind.STREET, List.of("SMART_MANUFACTURING", "MODERN_SERVICES"), "liujianguo"),
            new DemoUnit("unit-street-huaming", "华明街道", OrgUnitKind.STREET, List.of("NEW_GENERATION_IT", "HEADQUARTERS_ECONOMY"), "chenhong"),
            new DemoUnit("unit-street-zhangguizhuang", "张贵庄街道", OrgUnitKind.STREET, List.of("MODERN_SERVICES"), "zhaolei"),
            new DemoUnit("unit-street-wanxin", "万新街道", OrgUnitKind.STREET, List.of("MODERN_SERVICES", "HEADQUARTERS_ECONOMY"), "sunli"),
            new DemoUnit("unit-street-junliangcheng", "军粮城街道", OrgUnitKind.STREET, List.of("SMART_MANUFACTURING", "NEW_ENERGY_MATERIALS"), "zhoubin"),
            new DemoUnit("unit-street-xinli", "新立街道", OrgUnitKind.STREET, List.of("AGRI_CULTURE_TOURISM"), "wujing"),
            new DemoUnit("unit-park-dongli-eco", "东丽湖生态园区", OrgUnitKind.PARK, List.of("BIOMEDICINE", "AGRI_CULTURE_TOURISM", "NEW_GENERATION_IT"), "zhengyu"),
            new DemoUnit("unit-park-dongli-dev", "东丽经济技术开发区", OrgUnitKind.PARK,
                    List.of("SMART_MANUFACTURING", "NEW_ENERGY_MATERIALS", "BIOMEDICINE"), "wanghai"));

    static final List<DemoUser> USERS = List.of(
            // 区领导: the district head and two deputies (分管领导); last escalation level, 五个一 leads.
            new DemoUser("lizhiqiang", "李", "志强", GroupIds.LEADER, "区长", null),
            new DemoUser("wangfang", "王", "芳", GroupIds.LEADER, "副区长（分管招商）", "lizhiqiang"),
            new DemoUser("zhangjun", "张", "军", GroupIds.LEADER, "副区长（分管工业）", "lizhiqiang"),
            // 区合作交流办
            new DemoUser("yangmin", "杨", "敏", GroupIds.HEZUO, "主任", "wangfang"),
            new DemoUser("huangtao", "黄", "涛", GroupIds.HEZUO, "招商科科长", "yangmin"),
            new DemoUser("linxue", "林", "雪", GroupIds.HEZUO, "科员", "huangtao"),
            // 行业部门
            new DemoUser("gaofeng", "高", "峰", GroupIds.GONGXIN, "局长", "zhangjun"),
            new DemoUser("maliang", "马", "亮", GroupIds.GONGXIN, "产业科科长", "gaofeng"),
            new DemoUser("hejing", "何", "静", GroupIds.SHANGWU, "局长", "wangfang"),
            new DemoUser("luopeng", "罗", "鹏", GroupIds.SHANGWU, "外资科科长", "hejing"),
            new DemoUser("xieyan", "谢", "艳", GroupIds.NONGYE, "主任", "wangfang"),
            new DemoUser("tangchao", "唐", "超", GroupIds.KEJI, "局长", "zhangjun"),
            new DemoUser("liwei", "李", "伟", GroupIds.KEJI, "高新技术科科长", "tangchao"),
            // 一票否决 departments
            new DemoUser("fenggang", "冯", "刚", GroupIds.HUANBAO, "局长", "zhangjun"),
            new DemoUser("caoli", "曹", "丽", GroupIds.HUANBAO, "环评科科长", "fenggang"),
            new DemoUser("dengwei", "邓", "伟", GroupIds.XIAOFANG, "支队长", "zhangjun"),
            new DemoUser("yuanbo", "袁", "博", GroupIds.XIAOFANG, "防火监督科科长", "dengwei"),
            // 发改委、督查室、政府办
            new DemoUser("jiangning", "蒋", "宁", GroupIds.FAGAI, "主任", "lizhiqiang"),
            new DemoUser("hanmei", "韩", "梅", GroupIds.DUCHA, "督查室主任", "lizhiqiang"),
            new DemoUser("caijun", "蔡", "军", GroupIds.ZHENGFUBAN, "常务会议秘书", "lizhiqiang"),
            new DemoUser("qianhua", "钱", "华", GroupIds.CAIZHENG, "预算科科长", "zhangjun"),
            // 街道、园区: head (supervisor) and investment officer (招商专员)
            new DemoUser("liujianguo", "刘", "建国", "unit-street-jinzhong", "街道主任", "wangfang"),
            new DemoUser("zhouxiaoyu", "周", "晓宇", "unit-street-jinzhong", "招商专员", "liujianguo"),
            new DemoUser("chenhong", "陈", "红", "unit-street-huaming", "街道主任", "wangfang"),
            new DemoUser("xuhui", "徐", "辉", "unit-street-huaming", "招商专员", "chenhong"),
            new DemoUser("zhaolei", "赵", "磊", "unit-street-zhangguizhuang", "街道主任", "wangfang"),
            new DemoUser("sunyue", "孙", "悦", "unit-street-zhangguizhuang", "招商专员", "zhaolei"),
            new DemoUser("sunli", "孙", "莉", "unit-street-wanxin", "街道主任", "wangfang"),
            new DemoUser("zhuhao", "朱", "浩", "unit-street-wanxin", "招商专员", "sunli"),
            new DemoUser("zhoubin", "周", "斌", "unit-street-junliangcheng", "街道主任", "wangfang"),
            new DemoUser("guoqiang", "郭", "强", "unit-street-junliangcheng", "招商专员", "zhoubin"),
            new DemoUser("wujing", "吴", "静", "unit-street-xinli", "街道主任", "wangfang"),
            new DemoUser("songyang", "宋", "阳", "unit-street-xinli", "招商专员", "wujing"),
            new DemoUser("zhengyu", "郑", "宇", "unit-park-dongli-eco", "园区管委会主任", "wangfang"),
            new DemoUser("lina", "李", "娜", "unit-park-dongli-eco", "招商专员", "zhengyu"),
            new DemoUser("wanghai", "王", "海", "unit-park-dongli-dev", "开发区管委会主任", "zhangjun"),
            new DemoUser("liuyang", "刘", "洋", "unit-park-dongli-dev", "招商专员", "wanghai"),
            new DemoUser("qianwen", "钱", "雯", "unit-park-dongli-dev", "项目服务专员", "wanghai"));

    /** Heads of the standard departments (supervisors for level-1 escalation). */
    static final Map<String, String> DEPARTMENT_HEADS = Map.ofEntries(
            Map.entry(GroupIds.HEZUO, "yangmin"), Map.entry(GroupIds.GONGXIN, "gaofeng"),
            Map.entry(GroupIds.SHANGWU, "hejing"), Map.entry(GroupIds.NONGYE, "xieyan"),
            Map.entry(GroupIds.KEJI, "tangchao"), Map.entry(GroupIds.HUANBAO, "fenggang"),
            Map.entry(GroupIds.XIAOFANG, "dengwei"), Map.entry(GroupIds.FAGAI, "jiangning"),
            Map.entry(GroupIds.DUCHA, "hanmei"), Map.entry(GroupIds.ZHENGFUBAN, "caijun"),
            Map.entry(GroupIds.LEADER, "lizhiqiang"));

    private final IdentityService identityService;
    private final IdentityBootstrap bootstrap;
    private final AuthorizationGrants grants;
    private final OrgDirectory directory;
    private final PersonChannels channels;
    private final String password;

    DemoOrganisation(IdentityService identityService, IdentityBootstrap bootstrap, AuthorizationGrants grants,
            OrgDirectory directory, PersonChannels channels, @Value("${app.demo.password}") String password) {
        this.channels = channels;
        this.identityService = identityService;
        this.bootstrap = bootstrap;
        this.grants = grants;
        this.directory = directory;
        this.password = password;
    }

    /** Called by {@code system.StartupSequence} after {@link IdentityBootstrap}. */
    @Transactional
    public void seed() {
        int order = 100;
        for (DemoUnit unit : UNITS) {
            bootstrap.ensureGroup(unit.code(), unit.name(), Groups.GROUP_TYPE_WORKFLOW);
            directory.ensureUnit(new OrgUnit(unit.code(), unit.name(), unit.kind(), unit.leadingIndustries(), unit.head()), order++);
            grants.grantTasklistWork(unit.code());
        }
        int created = 0;
        java.util.Set<String> supervisors = USERS.stream().map(DemoUser::supervisor).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        int index = 0;
        for (DemoUser person : USERS) {
            // Fictional mobile numbers (SMS is off in the demo: those rows stay 未发送 in the outbox). Leaders and the
            // heads who receive level-1 escalations take SMS as well; everyone is @-mentioned in their unit's group.
            boolean byPhone = supervisors.contains(person.id()) || GroupIds.LEADER.equals(person.unit());
            channels.ensure(person.id(), "1380000%04d".formatted(++index), person.id(),
                    byPhone ? List.of("EMAIL", "SMS", "GROUP_MENTION") : List.of("EMAIL", "GROUP_MENTION"));
            if (identityService.createUserQuery().userId(person.id()).count() == 0) {
                User user = identityService.newUser(person.id());
                user.setFirstName(person.givenName());
                user.setLastName(person.familyName());
                user.setEmail(person.id() + "@dongli.example.cn");
                user.setPassword(password);
                identityService.saveUser(user);
                created++;
            }
            bootstrap.ensureMembership(person.id(), person.unit());
            person.extraGroups().forEach(group -> bootstrap.ensureMembership(person.id(), group));
            directory.ensureProfile(new StaffProfile(person.id(), person.unit(), person.title(), person.supervisor(), null));
        }
        DEPARTMENT_HEADS.forEach(directory::setHeadIfMissing);
        if (created > 0) {
            log.info("Demo organisation: created {} users (password '{}'), {} units", created, password, UNITS.size());
        }
    }
}
