package casegrid.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached now (down, restarting, no free connection
 * within Hikari's connection timeout), as opposed to a fault in the request or the code. Such a
 * failure is answered 503 with Retry-After, the same from every entry: controllers (ApiErrors), the
 * engine's REST and the webapps' engine API (EngineRestProblems), and the servlet filters before them
 * (DatabaseUnavailableFilter). The client may try again: nothing was written (the request's transaction
 * never got a connection or was rolled back by the server).
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait: PostgreSQL restarts in about that time. */
    public static final String RETRY_AFTER_SECONDS = "10";

    private DatabaseUnavailable() {
    }

    public static boolean in(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // A failed rollback (on the connection the server closed) hides the failure that caused it.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && in(rollback.getApplicationException())) {
                return true;
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // 08xxx: connection exceptions; 57P01–57P03: the server is shutting down, crashed or is starting.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /** The answer's body, with {@code message} for Camunda's clients (Tasklist shows an error's message). */
    public static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "数据库暂时不可用，请求未执行，请稍后重试。");
        problem.setTitle("服务暂时不可用");
        problem.setProperty("message", problem.getDetail());
        return problem;
    }
}
