package casegrid.attachment;

/** The kinds of file an item may carry, told from their bytes (FileTypes), never from a name or a client's type. */
public enum FileKind {
    JPEG("image/jpeg", "照片"),
    PNG("image/png", "图片"),
    PDF("application/pdf", "PDF 文档"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格");

    private final String contentType;
    private final String label;

    FileKind(String contentType, String label) {
        this.contentType = contentType;
        this.label = label;
    }

    public String contentType() {
        return contentType;
    }

    public String label() {
        return label;
    }

    /** Photos get their metadata cleaned, a thumbnail, and a place in the archive PDF. */
    public boolean isImage() {
        return this == JPEG || this == PNG;
    }

    public static FileKind of(String contentType) {
        for (FileKind kind : values()) {
            if (kind.contentType.equals(contentType)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(contentType);
    }
}
