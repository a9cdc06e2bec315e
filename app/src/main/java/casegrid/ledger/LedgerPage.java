package casegrid.ledger;

import java.util.List;

/** A page of the online ledger: {@code page} from 0, {@code total} matching items under the caller's access. */
public record LedgerPage(int page, int size, long total, List<LedgerItem> items) {
}
