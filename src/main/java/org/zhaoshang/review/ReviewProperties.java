package org.zhaoshang.review;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.review}: how many times 预审 may return a project for correction before the next failure
 * ends it as 不予受理, the quorum of a review meeting (share of member departments present), and whether
 * the district treats an industry department's 淘汰类 opinion as a veto.
 *
 * <p>Policy 001 gives the one-vote veto to 环保 and 消防 only ("环保、消防部门对项目引进具有一票否决权"); the
 * industry departments "提出产业指导方向，为项目引进提供依据". So by default 淘汰类 is recorded as the
 * department's 不同意 and the project goes on to the 论证会. A district that decides otherwise sets
 * {@code eliminated-is-veto: true}; the pages and the industry form then say so. A review keeps the rule
 * that applied when it started (copied into the instance at registration).
 */
@ConfigurationProperties("app.review")
public record ReviewProperties(@DefaultValue("2") int maxCorrections, @DefaultValue("0.6667") double quorumRatio,
        @DefaultValue("false") boolean eliminatedIsVeto) {

    /** The rule for 淘汰类 in the words of the pages and forms. */
    public String eliminatedRule() {
        return eliminatedRule(eliminatedIsVeto);
    }

    static String eliminatedRule(boolean veto) {
        return veto
                ? "本区规定：产业指导意见为“淘汰类”的项目予以否决，会审即时终止（该规定为本区在政策之外另行设定；政策规定一票否决权属环保、消防部门）。"
                : "产业指导意见为“淘汰类”时，记为该部门不同意引进，连同意见提交项目论证会审议，不终止评审（一票否决权仅属环保、消防部门）。";
    }
}
