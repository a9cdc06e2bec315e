package casegrid.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Outbox workers as separate nodes on one database: each drains on its own thread, all start together. */
public final class OutboxNodes {

    private OutboxNodes() {
    }

    /** Runs every node's rounds until it finds nothing more; returns how many rows the nodes delivered together. */
    public static int drainTogether(List<IntSupplier> rounds) throws Exception {
        CyclicBarrier start = new CyclicBarrier(rounds.size());
        ExecutorService threads = Executors.newFixedThreadPool(rounds.size());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (IntSupplier round : rounds) {
                results.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int delivered = 0;
                    for (int n = round.getAsInt(); n > 0; n = round.getAsInt()) {
                        delivered += n;
                    }
                    return delivered;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            threads.shutdownNow();
        }
    }
}
