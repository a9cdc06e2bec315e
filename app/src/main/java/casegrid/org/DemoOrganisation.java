package casegrid.org;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo street (全福街道, CONTRACT.md's demo accounts and their .invalid addresses) is an ordinary
 * organisation file, imported at each start of the demo profile through the same import as an
 * administrator's upload: a restart changes nothing, and a demo street edited by hand is put back.
 * Demo accounts get their user id as password (CONTRACT.md: demo data only). Never in prod.
 */
@Component
public class DemoOrganisation {

    public static final String FILE = "casegrid/org/demo-organisation.xlsx";
    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    private final OrgImport orgImport;

    public DemoOrganisation(OrgImport orgImport) {
        this.orgImport = orgImport;
    }

    public OrgImport.Report load() {
        OrgImport.Report report = orgImport.apply(bytes(), userId -> userId);
        log.info("Demo organisation imported from {}: {} changes {}", FILE, report.changes(), report.counts());
        return report;
    }

    public static byte[] bytes() {
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("demo organisation file " + FILE + " is missing", e);
        }
    }
}
