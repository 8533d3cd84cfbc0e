package org.zhaoshang.agreement;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * 佐证材料 of a milestone: files uploaded on the project's page (Tasklist has no upload) or links. Files
 * are kept in the database (every node sees them, backups include them), typed by content, and only
 * ever returned as downloads.
 */
@Service
public class EvidenceService {

    public record Evidence(long id, long milestoneId, String kind, String fileName, String fileType, Long sizeBytes, String sha256,
            String url, String note, String uploadedBy, OffsetDateTime uploadedAt) {
    }

    public record EvidenceFile(String fileName, byte[] content) {
    }

    /** Published after evidence is stored, so open tasks of the milestone can show it. */
    public record EvidenceAdded(long milestoneId) {
    }

    private final JdbcClient jdbc;
    private final AgreementRecords records;
    private final ProjectService projects;
    private final Clock clock;
    private final DataSize maxSize;
    private final ApplicationEventPublisher events;

    EvidenceService(JdbcClient jdbc, AgreementRecords records, ProjectService projects, Clock clock,
            @Value("${app.agreement.evidence-max-size:20MB}") DataSize maxSize, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.records = records;
        this.projects = projects;
        this.clock = clock;
        this.maxSize = maxSize;
    }

    public DataSize maxSize() {
        return maxSize;
    }

    @Transactional
    public long upload(long milestoneId, String originalName, byte[] content, String note, StaffUser user) {
        AgreementRecords.Milestone milestone = mayAdd(milestoneId, user);
        String name = EvidenceFiles.cleanName(originalName);
        if (name == null) {
            throw ApiException.badField("file", "请选择要上传的文件");
        }
        if (content == null || content.length == 0) {
            throw ApiException.badField("file", "文件为空：" + name);
        }
        if (content.length > maxSize.toBytes()) {
            throw ApiException.badField("file", "文件过大（不超过" + maxSize.toMegabytes() + "MB）：" + name);
        }
        EvidenceFiles.FileType type = EvidenceFiles.detect(name, content)
                .orElseThrow(() -> ApiException.badField("file", "不支持的文件类型或文件内容与扩展名不符：" + name + "。可上传：" + EvidenceFiles.ACCEPTED));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO milestone_evidence (milestone_id, kind, file_name, file_type, size_bytes, sha256, note, uploaded_by, uploaded_at)
                VALUES (:m, 'FILE', :name, :type, :size, :sha, :note, :by, :now)""")
                .param("m", milestone.id()).param("name", name).param("type", type.name()).param("size", (long) content.length)
                .param("sha", sha256(content)).param("note", note(note)).param("by", user.id()).param("now", now()).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        jdbc.sql("INSERT INTO evidence_content (evidence_id, content) VALUES (:id, :content)").param("id", id).param("content", content)
                .update();
        events.publishEvent(new EvidenceAdded(milestone.id()));
        return id;
    }

    @Transactional
    public long link(long milestoneId, String url, String note, StaffUser user) {
        AgreementRecords.Milestone milestone = mayAdd(milestoneId, user);
        String link = url == null ? "" : url.trim();
        if (!link.matches("(?i)https?://[^\\s<>\"]+") || link.length() > 1000) {
            throw ApiException.badField("url", "请填写以 http:// 或 https:// 开头的有效链接（不超过1000字符）");
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO milestone_evidence (milestone_id, kind, url, note, uploaded_by, uploaded_at)
                VALUES (:m, 'LINK', :url, :note, :by, :now)""")
                .param("m", milestone.id()).param("url", link).param("note", note(note)).param("by", user.id()).param("now", now())
                .update(keys, "id");
        events.publishEvent(new EvidenceAdded(milestone.id()));
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Evidence> of(long milestoneId) {
        return jdbc.sql("SELECT * FROM milestone_evidence WHERE milestone_id = :m ORDER BY id").param("m", milestoneId)
                .query((rs, n) -> new Evidence(rs.getLong("id"), rs.getLong("milestone_id"), rs.getString("kind"),
                        rs.getString("file_name"), rs.getString("file_type"), (Long) rs.getObject("size_bytes", Long.class),
                        rs.getString("sha256"), rs.getString("url"), rs.getString("note"), rs.getString("uploaded_by"),
                        rs.getObject("uploaded_at", OffsetDateTime.class)))
                .list();
    }

    public long count(long milestoneId) {
        return jdbc.sql("SELECT COUNT(*) FROM milestone_evidence WHERE milestone_id = :m").param("m", milestoneId)
                .query(Long.class).single();
    }

    /** The file, if the user may see the project it belongs to (404 otherwise: a stranger learns nothing). */
    @Transactional(readOnly = true)
    public EvidenceFile download(long evidenceId, StaffUser user) {
        Evidence evidence = jdbc.sql("SELECT * FROM milestone_evidence WHERE id = :id AND kind = 'FILE'").param("id", evidenceId)
                .query((rs, n) -> new Evidence(rs.getLong("id"), rs.getLong("milestone_id"), rs.getString("kind"),
                        rs.getString("file_name"), rs.getString("file_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                        null, null, rs.getString("uploaded_by"), null))
                .optional().orElseThrow(() -> ApiException.notFound("文件不存在或无权查看"));
        AgreementRecords.Milestone milestone = records.milestone(evidence.milestoneId());
        String code = records.agreement(milestone.agreementId()).orElseThrow().projectCode();
        try {
            projects.get(code, user);
        } catch (ApiException e) {
            throw ApiException.notFound("文件不存在或无权查看");
        }
        byte[] content = jdbc.sql("SELECT content FROM evidence_content WHERE evidence_id = :id").param("id", evidenceId)
                .query((rs, n) -> rs.getBytes(1)).single();
        return new EvidenceFile(evidence.fileName(), content);
    }

    /** Who may add evidence: 合作交流办, the host unit, the milestone's responsible unit and verifying department. */
    private AgreementRecords.Milestone mayAdd(long milestoneId, StaffUser user) {
        AgreementRecords.Milestone milestone = jdbc.sql("SELECT id FROM agreement_milestone WHERE id = :id").param("id", milestoneId)
                .query(Long.class).optional().map(records::milestone)
                .orElseThrow(() -> ApiException.notFound("履约节点不存在：" + milestoneId));
        AgreementRecords.Agreement agreement = records.agreement(milestone.agreementId()).orElseThrow();
        InvestmentProject project = projects.get(agreement.projectCode(), user);
        if (!AgreementService.mayManage(project, user) && !user.isMemberOf(milestone.responsibleUnit())
                && !user.isMemberOf(milestone.verifyingDepartment())) {
            throw ApiException.forbidden("只有区合作交流办、承载单位、责任单位或核验部门可以上传佐证材料");
        }
        if (!agreement.active()) {
            throw ApiException.conflict("协议" + agreement.statusLabel() + "，不能再上传佐证材料");
        }
        return milestone;
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.trim().length() > 500) {
            throw ApiException.badField("note", "说明不能超过500字");
        }
        return note.trim();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
