package org.zhaoshang.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.zhaoshang.chain.ChainReviewProcess;
import org.zhaoshang.chain.ChainReviews;
import org.zhaoshang.chain.ChainTargetStatus;
import org.zhaoshang.chain.IndustryChains;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;
import org.zhaoshang.system.StartupStep;

/**
 * Demo profile: the district's 产业链“五个一” — each chain's 分管领导, 牵头部门 and 招商队伍 from the demo people — and its
 * 招商图谱 of fictional target companies at every stage, so the chains' pages have something to show. A chain that has a
 * leader already (an administrator's choice) is left as it is.
 */
@Component
@Profile("demo")
class DemoChains implements StartupStep {

    record Setup(Industry chain, String leader, String department, List<String> team, List<Target> targets) {
    }

    record Target(String name, String ranking, ChainTargetStatus status, String note) {
    }

    static final List<Setup> CHAINS = List.of(
            new Setup(Industry.SMART_MANUFACTURING, "zhangjun", GroupIds.GONGXIN, List.of("maliang", "zhouxiaoyu", "liuyang", "guoqiang"), List.of(
                    new Target("某工业机器人集团", "行业龙头", ChainTargetStatus.NEGOTIATING, "第二轮商务谈判，关注用地和能耗指标"),
                    new Target("某数控机床股份有限公司", "上市公司", ChainTargetStatus.CONTACTED, "区领导带队拜访，对方有意在北方设基地"),
                    new Target("某精密减速器有限公司", "专精特新“小巨人”", ChainTargetStatus.NOT_CONTACTED, null))),
            new Setup(Industry.NEW_ENERGY_MATERIALS, "zhangjun", GroupIds.FAGAI, List.of("jiangning", "guoqiang", "liuyang"), List.of(
                    new Target("某动力电池集团", "中国500强", ChainTargetStatus.CONTACTED, "顾问高慧引荐，已交换项目需求清单"),
                    new Target("某光伏组件有限公司", "民营500强", ChainTargetStatus.SIGNED, "已签约落户开发区"),
                    new Target("某储能科技公司", "专精特新", ChainTargetStatus.NOT_CONTACTED, null))),
            new Setup(Industry.NEW_GENERATION_IT, "wangfang", GroupIds.KEJI, List.of("liwei", "xuhui"), List.of(
                    new Target("某工业软件有限公司", "上市公司", ChainTargetStatus.CONTACTED, "科技园引荐，待安排实地考察"),
                    new Target("某算力服务集团", "行业龙头", ChainTargetStatus.NOT_CONTACTED, null))),
            new Setup(Industry.BIOMEDICINE, "wangfang", GroupIds.KEJI, List.of("liwei", "lina"), List.of(
                    new Target("某创新药研发集团", "世界500强", ChainTargetStatus.NEGOTIATING, "中试基地选址比选中"),
                    new Target("某医疗器械股份有限公司", "上市公司", ChainTargetStatus.CONTACTED, "顾问沈一鸣引荐"))),
            new Setup(Industry.MODERN_SERVICES, "wangfang", GroupIds.SHANGWU, List.of("luopeng", "zhuhao", "sunyue"), List.of(
                    new Target("某跨境电商平台", "行业龙头", ChainTargetStatus.CONTACTED, "参加区招商推介会后来访"))),
            new Setup(Industry.AGRI_CULTURE_TOURISM, "wangfang", GroupIds.NONGYE, List.of("xieyan", "songyang"), List.of(
                    new Target("某文旅投资集团", "中国500强", ChainTargetStatus.NOT_CONTACTED, null))),
            new Setup(Industry.HEADQUARTERS_ECONOMY, "lizhiqiang", GroupIds.SHANGWU, List.of("hejing", "zhuhao"), List.of(
                    new Target("某央企区域总部", "世界500强", ChainTargetStatus.CONTACTED, "区长带队对接，待对方董事会研究"))));

    private final IndustryChains chains;
    private final ChainReviews reviews;
    private final ProcessEngine engine;
    private final int historyProjects;

    DemoChains(IndustryChains chains, ChainReviews reviews, ProcessEngine engine, @Value("${app.demo.history.projects:0}") int historyProjects) {
        this.chains = chains;
        this.reviews = reviews;
        this.engine = engine;
        this.historyProjects = historyProjects;
    }

    @Override
    public int order() {
        return StartupStep.DEMO_HISTORY + 20;
    }

    @Override
    public void run() {
        StaffUser office = new StaffUser("huangtao", "黄涛", List.of(GroupIds.HEZUO));
        for (Setup setup : CHAINS) {
            if (chains.get(setup.chain()).leader() != null) {
                continue;
            }
            chains.lead(setup.chain(), setup.leader(), setup.department(), setup.team(), null, office);
            for (Target target : setup.targets()) {
                IndustryChains.Target added = chains.addTarget(setup.chain(), target.name(), target.ranking(), null, office);
                if (target.status() != ChainTargetStatus.NOT_CONTACTED) {
                    chains.move(added.id(), target.status().name(), null, target.note(), office);
                }
            }
        }
        if (historyProjects > 0) {
            openLastMonthsReviews();
        }
    }

    /**
     * A district with a past has last month's chain reviews under way: the start timer fires once now (as a late firing would),
     * 发改委 has reviewed 新能源新材料, 工信局 has raised a problem of 智能制造 to 张军; the others wait in their departments' task
     * lists. Only on the first start (when last month has no review yet); the tests' shared database starts without a past.
     */
    private void openLastMonthsReviews() {
        ManagementService management = engine.getManagementService();
        Job timer = management.createJobQuery().processDefinitionKey(ChainReviewProcess.PROCESS_KEY).timers()
                .activityId(ChainReviewProcess.START_TIMER).singleResult();
        if (timer == null || !reviews.list(Industry.SMART_MANUFACTURING, 1).isEmpty()) {
            return;
        }
        management.executeJob(timer.getId());
        complete(Industry.NEW_ENERGY_MATERIALS, ChainReviewProcess.TASK_REVIEW, "jiangning", Map.of(
                ChainReviewProcess.WORK_SUMMARY, "对接动力电池、储能企业4家，某动力电池集团已交换项目需求清单；光伏组件项目进入注册",
                ChainReviewProcess.RAISE, false));
        complete(Industry.SMART_MANUFACTURING, ChainReviewProcess.TASK_REVIEW, "maliang", Map.of(
                ChainReviewProcess.WORK_SUMMARY, "走访机器人、数控机床企业6家，某工业机器人集团进入第二轮商务谈判",
                ChainReviewProcess.PROBLEMS, "某工业机器人集团项目所需120亩工业用地和能耗指标尚未落实，影响签约进度",
                ChainReviewProcess.RAISE, true));
    }

    private void complete(Industry chain, String taskKey, String user, Map<String, Object> variables) {
        ChainReviews.Review review = reviews.list(chain, 1).get(0);
        TaskService tasks = engine.getTaskService();
        Task task = tasks.createTaskQuery().processInstanceId(review.processInstanceId()).taskDefinitionKey(taskKey).list().stream()
                .filter(t -> Long.valueOf(review.id()).equals(tasks.getVariable(t.getId(), ChainReviewProcess.REVIEW_ID))).findFirst().orElse(null);
        if (task == null) {
            return;
        }
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            tasks.complete(task.getId(), new HashMap<>(variables));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
