package casegrid.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a failure means the database cannot be reached now (down, restarting, no free connection
 * within Hikari's connection timeout), as opposed to a fault in the request or the code. Such a
 * failure is answered 503 with Retry-After (ApiErrors): the client may try again, nothing was written
 * (the request's transaction never got a connection or was rolled back by the server).
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean in(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
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
}
