package casegrid.attachment;

import casegrid.access.ItemAccess;
import casegrid.access.ItemFacts;
import casegrid.access.Scope;
import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.web.ApiException;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An item's attachments in its own table (V25), never in the engine: the checks before a file is
 * stored (type from its bytes, size, photo metadata removed, thumbnail), the row and the timeline
 * entry in one transaction, and the reads for the API, the case file and the archive.
 */
@Service
public class Attachments {

    /** What the API answers for one file (the upload's 201 and each entry of the list). */
    public record Attachment(long id, String number, String fileName, String contentType, long size, String purpose,
                             OffsetDateTime uploadedAt, String uploadedBy) {
    }

    /** A list entry for the case file: the file plus what the page shows about it. */
    public record Listed(long id, String number, String fileName, String contentType, long size, String purpose,
                        String purposeLabel, OffsetDateTime uploadedAt, String uploadedBy, boolean image,
                        boolean locationKept) {
    }

    /** A stored file for download, or a photo for the archive. */
    public record Content(long id, String fileName, String contentType, byte[] bytes) {
    }

    /** What a client sent: the name it gave, the bytes, why, and whether a photo keeps its location. */
    public record Upload(String fileName, byte[] bytes, AttachmentPurpose purpose, boolean keepLocation) {
    }

    /** While an item is being registered and graded, its reporter may still add photos (intake). */
    private static final Set<ItemStatus> INTAKE = EnumSet.of(ItemStatus.REGISTERED, ItemStatus.GRADING);

    private final JdbcClient jdbc;
    private final ItemAccess access;
    private final RiskItemStore items;
    private final FileTypes types;
    private final PhotoMetadata metadata;
    private final Thumbnail thumbnails;
    private final AttachmentProperties properties;

    public Attachments(JdbcClient jdbc, ItemAccess access, RiskItemStore items, FileTypes types, PhotoMetadata metadata,
                       Thumbnail thumbnails, AttachmentProperties properties) {
        this.jdbc = jdbc;
        this.access = access;
        this.items = items;
        this.types = types;
        this.metadata = metadata;
        this.thumbnails = thumbnails;
        this.properties = properties;
    }

    /**
     * Stores one file for the item: 404 unknown item, 403 for who may not add files, 409 once the item
     * has ended; 400/413/415 naming the file when it is empty, broken, too large or of a type not allowed.
     */
    @Transactional
    public Attachment add(String number, Scope caller, Upload upload) {
        ItemFacts facts = access.facts(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        ItemStatus status = ItemStatus.valueOf(jdbc.sql("select status from risk_item where number = ?")
                .param(number).query(String.class).single());
        boolean atIntake = INTAKE.contains(status);
        if (!access.policy().mayAddFiles(caller, facts, atIntake && upload.purpose() == AttachmentPurpose.INTAKE)) {
            throw ApiException.forbidden("无权为事项 " + number + " 上传附件：只有承办该事项的人员（本社区、责任单位、综治中心、"
                    + "方案中的责任人）和登记阶段的上报人可以上传。");
        }
        if (!status.isOpen()) {
            throw ApiException.conflict("事项 " + number + " 已结束（" + status + "），不能再添加附件。");
        }
        if (upload.bytes().length > properties.maxSize().toBytes()) {
            throw AttachmentRefused.tooLarge(upload.fileName(), "超过大小上限 " + properties.maxSizeText() + "。");
        }
        FileKind kind = types.check(upload.fileName(), upload.bytes());
        byte[] stored = upload.bytes();
        byte[] thumbnail = null;
        boolean locationKept = false;
        if (kind.isImage()) {
            thumbnail = thumbnails.of(upload.fileName(), stored);
            locationKept = upload.keepLocation();
            if (!locationKept) {
                stored = metadata.strip(upload.fileName(), kind, stored);
            }
        }
        Date now = ClockUtil.getCurrentTime();
        String actor = caller.userId();
        long id = jdbc.sql("""
                        insert into risk_item_attachment (number, file_name, content_type, size, purpose, location_kept,
                                                          uploaded_at, uploaded_by, content, thumbnail)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(number, upload.fileName(), kind.contentType(), stored.length, upload.purpose().name(), locationKept,
                        RiskItemStore.ts(now), actor, stored, thumbnail)
                .query(Long.class).single();
        items.addEvent(number, actor, ItemEvent.ATTACHMENT_ADDED, "上传" + upload.purpose().label() + "：" + upload.fileName()
                + (locationKept ? "（保留拍摄位置作为证据）" : ""));
        return new Attachment(id, number, upload.fileName(), kind.contentType(), stored.length, upload.purpose().name(),
                OffsetDateTime.ofInstant(now.toInstant(), casegrid.org.Office.ZONE), actor);
    }

    public List<Listed> list(String number) {
        return jdbc.sql("""
                        select id, number, file_name, content_type, size, purpose, uploaded_at, uploaded_by, location_kept,
                               thumbnail is not null as image
                        from risk_item_attachment where number = ? order by uploaded_at, id""")
                .param(number)
                .query((rs, row) -> new Listed(rs.getLong("id"), rs.getString("number"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("purpose"),
                        AttachmentPurpose.valueOf(rs.getString("purpose")).label(),
                        rs.getObject("uploaded_at", OffsetDateTime.class), rs.getString("uploaded_by"), rs.getBoolean("image"),
                        rs.getBoolean("location_kept")))
                .list();
    }

    public Optional<Content> content(String number, long id) {
        return jdbc.sql("select id, file_name, content_type, content from risk_item_attachment where number = ? and id = ?")
                .params(number, id)
                .query((rs, row) -> new Content(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content")))
                .optional();
    }

    public Optional<Content> thumbnail(String number, long id) {
        return jdbc.sql("""
                        select id, file_name, thumbnail from risk_item_attachment
                        where number = ? and id = ? and thumbnail is not null""")
                .params(number, id)
                .query((rs, row) -> new Content(rs.getLong("id"), rs.getString("file_name"), "image/jpeg", rs.getBytes("thumbnail")))
                .optional();
    }

    /** The item's photos, oldest first, for the archive PDF. */
    public List<Content> photos(String number) {
        return jdbc.sql("""
                        select id, file_name, content_type, content from risk_item_attachment
                        where number = ? and thumbnail is not null order by uploaded_at, id""")
                .param(number)
                .query((rs, row) -> new Content(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content")))
                .list();
    }

    /** Evidence files the item has: write-off (Task_RequestClosure) needs one, or a reason why none. */
    public int evidenceCount(String number) {
        return jdbc.sql("select count(*) from risk_item_attachment where number = ? and purpose = 'EVIDENCE'")
                .param(number).query(Integer.class).single();
    }
}
