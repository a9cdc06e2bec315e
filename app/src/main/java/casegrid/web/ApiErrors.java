package casegrid.web;

import casegrid.ledger.ReadAudit;
import java.util.List;
import java.util.stream.Collectors;
import casegrid.item.ItemStatus;
import org.camunda.bpm.engine.AuthorizationException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.transaction.TransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every API error as RFC 9457 problem+json; bad input names each field in {@code errors}.
 * Extends Spring's handler so that its own errors (405, 415, ...) are problem+json too.
 */
@RestControllerAdvice(basePackages = "casegrid")
public class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return withErrors(e.problems());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(withErrors(List.of(JsonBodyProblems.of(e))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return ResponseEntity.badRequest().body(withErrors(List.of(new FieldProblem(name, "格式不正确"))));
    }

    @ExceptionHandler(ApiException.class)
    ProblemDetail refused(ApiException e, WebRequest request) {
        if (e.status() == HttpStatus.FORBIDDEN) {
            request.setAttribute(ReadAudit.REFUSAL_REASON, e.getMessage(), RequestAttributes.SCOPE_REQUEST);
        }
        return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    }

    @ExceptionHandler(AuthorizationException.class)
    ProblemDetail notAuthorized(AuthorizationException e, WebRequest request) {
        request.setAttribute(ReadAudit.REFUSAL_REASON, "engine authorization: " + e.getMessage(),
                RequestAttributes.SCOPE_REQUEST);
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "无权执行该操作。");
    }

    @ExceptionHandler(OptimisticLockingException.class)
    ProblemDetail concurrentChange(OptimisticLockingException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "该事项刚被他人修改，请刷新后重试。");
    }

    /**
     * 503 when the database cannot be reached (restarting, down, no connection within Hikari's timeout):
     * the request failed fast and wrote nothing; anything else goes on as before (500).
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class,
            PersistenceException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) throws Exception {
        if (!DatabaseUnavailable.in(e)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(DatabaseUnavailable.problem());
    }

    @ExceptionHandler(ItemStatus.IllegalMove.class)
    ProblemDetail conflict(ItemStatus.IllegalMove e) {
        return illegalMove(e);
    }

    /** 409: the item is not in a status from which this step may happen (someone else moved it, or a model would). */
    static ProblemDetail illegalMove(ItemStatus.IllegalMove e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("事项当前状态不允许此操作");
        problem.setProperty("from", e.from().name());
        problem.setProperty("to", e.to().name());
        return problem;
    }

    static ProblemDetail withErrors(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "请求有误：" + problems.stream().map(FieldProblem::field).collect(Collectors.joining("、")));
        problem.setTitle("请求参数不正确");
        problem.setProperty("errors", problems);
        return problem;
    }
}
