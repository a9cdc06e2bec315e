package casegrid.security;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A process start the app makes itself with a business key it chose (the REST intake starts
 * riskItem with the item's new number). It is marked on the starting thread, never in a variable,
 * because clients can send variables (transient ones too) but cannot reach this thread-local.
 */
public final class AppStart {

    private static final ThreadLocal<String> BUSINESS_KEY = new ThreadLocal<>();

    private AppStart() {
    }

    public static <T> T run(String businessKey, Supplier<T> start) {
        String outer = BUSINESS_KEY.get();
        BUSINESS_KEY.set(Objects.requireNonNull(businessKey));
        try {
            return start.get();
        } finally {
            BUSINESS_KEY.set(outer);
        }
    }

    /** True while the app itself starts an instance with exactly this business key. */
    static boolean isCurrent(String businessKey) {
        return businessKey != null && businessKey.equals(BUSINESS_KEY.get());
    }
}
