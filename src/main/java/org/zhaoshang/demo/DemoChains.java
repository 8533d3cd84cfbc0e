package org.zhaoshang.demo;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
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

    DemoChains(IndustryChains chains) {
        this.chains = chains;
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
    }
}
