package casegrid.attachment;

import org.springframework.http.HttpStatus;

/** A file that is not stored: 400 (empty, broken, bad part), 413 (too large) or 415 (type not allowed), naming the file. */
public class AttachmentRefused extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final String fileName;

    public AttachmentRefused(HttpStatus status, String field, String fileName, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.fileName = fileName;
    }

    static AttachmentRefused broken(String fileName, String message) {
        return new AttachmentRefused(HttpStatus.BAD_REQUEST, "file", fileName, "文件 " + fileName + " " + message);
    }

    static AttachmentRefused type(String fileName, String message) {
        return new AttachmentRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file", fileName, "文件 " + fileName + " " + message);
    }

    static AttachmentRefused tooLarge(String fileName, String message) {
        return new AttachmentRefused(HttpStatus.PAYLOAD_TOO_LARGE, "file", fileName, "文件 " + fileName + " " + message);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String fileName() {
        return fileName;
    }
}
