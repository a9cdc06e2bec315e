package casegrid.attachment;

import java.util.List;
import casegrid.web.FieldProblem;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A file over the attachment limit is stopped while the request is read, before any controller is chosen,
 * so the app's package-bound advice (ApiErrors) does not see it: this unbound advice answers 413
 * problem+json, naming the file when the container saw its part (Tomcat's FileSizeLimitExceededException
 * carries the name), without a name when the request's length alone was refused.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitProblems {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        FileSizeLimitExceededException part = null;
        for (Throwable cause = e; cause != null && part == null; cause = cause.getCause()) {
            if (cause instanceof FileSizeLimitExceededException found) {
                part = found;
            }
        }
        long limit = part != null ? part.getPermittedSize() : e.getMaxUploadSize();
        String size = limit > 0 ? "（上限 " + AttachmentProperties.sizeText(limit) + "）" : "";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, part == null || part.getFileName() == null
                ? "上传的内容过大" + size + "，未保存。"
                : "文件 " + part.getFileName() + " 超过大小上限" + size + "，未保存。");
        problem.setTitle("附件未保存");
        if (part != null && part.getFileName() != null) {
            problem.setProperty("fileName", part.getFileName());
            problem.setProperty("errors", List.of(new FieldProblem("file", problem.getDetail())));
        }
        return problem;
    }
}
