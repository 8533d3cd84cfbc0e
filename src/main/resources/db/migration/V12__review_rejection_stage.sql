-- 否决 vs 不予通过 (issue 21). Policy 001 gives the one-vote veto to 环保 and 消防 only; a project the 项目论证会
-- or the 区政府常务会议 did not pass was stored as 已否决 (VETOED) all the same, so every count mixed vetoes with
-- ordinary rejections. From now on such a project ends 不予通过 (REJECTED); this corrects the past the same way.
-- Portable SQL (H2 and PostgreSQL). Dates of timestamps are taken in the session's time zone, which is the
-- application's (app.time-zone: the JVM default, set before Flyway runs; the PostgreSQL driver passes it on).

-- 1. The stage changes to VETOED that the review wrote after a rejection: the 常务会议's 不同意, or the 论证会's
--    不通过 without a 环保/消防 vote against (that one is their veto at the meeting and stays 已否决). The votes
--    decide where the meeting's records exist; the reason's wording where they do not.
UPDATE project_history SET to_stage = 'REJECTED'
WHERE event_type = 'STAGE_CHANGED' AND to_stage = 'VETOED'
  AND (reason LIKE '区政府常务会议不同意：%'
       OR (reason LIKE '项目论证会不通过：%'
           AND NOT EXISTS (SELECT 1 FROM meeting_agenda_item i JOIN meeting_vote v ON v.agenda_item_id = i.id
                           WHERE i.process_instance_id = project_history.process_instance_id
                             AND v.department IN ('dept-huanbao', 'dept-xiaofang') AND v.vote = 'DISAGREE')
           AND (EXISTS (SELECT 1 FROM meeting_agenda_item i
                        WHERE i.process_instance_id = project_history.process_instance_id AND i.result = 'REJECTED')
                OR reason NOT LIKE '%行使一票否决%')));

-- 2. The ledger: a project whose end was such a rejection is 不予通过 (VETOED and REJECTED are final, so the
--    corrected change is its last).
UPDATE investment_project SET stage = 'REJECTED', version = version + 1
WHERE stage = 'VETOED'
  AND EXISTS (SELECT 1 FROM project_history h
              WHERE h.project_id = investment_project.id AND h.event_type = 'STAGE_CHANGED' AND h.to_stage = 'REJECTED');

-- 3. The correction on each project's timeline: who (the system), when and why.
INSERT INTO project_history (project_id, event_type, from_stage, to_stage, actor, reason, process_instance_id, task_id, occurred_at)
SELECT h.project_id, 'STAGE_CORRECTED', 'VETOED', 'REJECTED', 'system',
       '数据更正：项目论证会或区政府常务会议未通过的项目由「已否决」更正为「不予通过」（一票否决仅属环保、消防部门）',
       h.process_instance_id, NULL, CURRENT_TIMESTAMP
FROM project_history h
WHERE h.event_type = 'STAGE_CHANGED' AND h.to_stage = 'REJECTED';

-- 4. Before issue 21 every 淘汰类 opinion ended the review as a veto; say so on the record, so the project page does
--    not show it as the mere 不同意 it is now.
UPDATE review_opinion SET decision = 'ELIMINATED_VETO'
WHERE step = 'INDUSTRY' AND decision = 'ELIMINATED'
  AND EXISTS (SELECT 1 FROM project_history h
              WHERE h.process_instance_id = review_opinion.process_instance_id AND h.event_type = 'STAGE_CHANGED'
                AND h.to_stage = 'VETOED');

-- 5. Stored briefings: 不予通过 gets its own column; rows assembled before get their rejections moved out of 否决
--    (counted as BriefingFiguresQuery counts: stage changes in the row's month, quarter or half-year, for the
--    project's host unit). Scores do not change: neither column enters the score.
ALTER TABLE briefing_row ADD COLUMN rejections INT DEFAULT 0 NOT NULL;

UPDATE briefing_row SET rejections = (
    SELECT COUNT(*) FROM project_history h
    JOIN investment_project p ON p.id = h.project_id
    JOIN briefing b ON b.id = briefing_row.briefing_id
    WHERE h.event_type = 'STAGE_CHANGED' AND h.to_stage = 'REJECTED' AND p.host_unit = briefing_row.unit
      AND EXTRACT(YEAR FROM CAST(h.occurred_at AS DATE)) = EXTRACT(YEAR FROM b.period_end)
      AND EXTRACT(MONTH FROM CAST(h.occurred_at AS DATE)) <= EXTRACT(MONTH FROM b.period_end)
      AND EXTRACT(MONTH FROM CAST(h.occurred_at AS DATE)) > EXTRACT(MONTH FROM b.period_end)
          - CASE briefing_row.scope WHEN 'QUARTER' THEN 3 WHEN 'HALF' THEN 6 ELSE 1 END);

UPDATE briefing_row SET vetoes = CASE WHEN vetoes > rejections THEN vetoes - rejections ELSE 0 END
WHERE rejections > 0;
