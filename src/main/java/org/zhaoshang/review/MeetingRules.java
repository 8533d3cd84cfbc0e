package org.zhaoshang.review;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.review.ReviewDecisions.MeetingResult;
import org.zhaoshang.review.ReviewDecisions.Vote;

/**
 * The rules of a review meeting (项目论证会), in one place:
 * <ul>
 * <li>Quorum: at least {@code ratio} (default two-thirds) of the member departments present.</li>
 * <li>Result per project, from the votes of the departments present: 环保 or 消防 voting 不同意 is a
 * veto (一票否决, policy 001: the project does not pass and ends 已否决); otherwise more than half 同意
 * passes, more than half 不同意 fails (不予通过), and anything else (abstentions, a tie) is 补充材料后再议.
 * An industry department's 淘汰类 weighs only through its own vote: guidance, not a veto.</li>
 * </ul>
 */
public final class MeetingRules {

    static final Set<String> VETO_HOLDERS = Set.of(GroupIds.HUANBAO, GroupIds.XIAOFANG);

    private MeetingRules() {
    }

    public static boolean quorate(int present, int members, double ratio) {
        return members > 0 && present >= Math.ceil(members * ratio - 1e-9);
    }

    public static MeetingResult result(Map<String, Vote> votesOfPresent) {
        boolean vetoed = votesOfPresent.entrySet().stream()
                .anyMatch(e -> VETO_HOLDERS.contains(e.getKey()) && e.getValue() == Vote.DISAGREE);
        if (vetoed) {
            return MeetingResult.REJECTED;
        }
        Collection<Vote> votes = votesOfPresent.values();
        long agree = votes.stream().filter(v -> v == Vote.AGREE).count();
        long disagree = votes.stream().filter(v -> v == Vote.DISAGREE).count();
        if (agree * 2 > votes.size()) {
            return MeetingResult.PASSED;
        }
        if (disagree * 2 > votes.size()) {
            return MeetingResult.REJECTED;
        }
        return MeetingResult.DEFERRED;
    }

    public static boolean vetoed(Map<String, Vote> votesOfPresent) {
        return votesOfPresent.entrySet().stream()
                .anyMatch(e -> VETO_HOLDERS.contains(e.getKey()) && e.getValue() == Vote.DISAGREE);
    }
}
