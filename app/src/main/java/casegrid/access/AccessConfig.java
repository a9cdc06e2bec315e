package casegrid.access;

import casegrid.org.OrgDirectory;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy over the organisation's tables (read on each call: communities change with OrgSync). */
@Configuration
class AccessConfig {

    @Bean
    AccessPolicy accessPolicy(OrgDirectory org) {
        return new AccessPolicy(new AccessPolicy.Areas() {
            @Override
            public Set<String> communities() {
                Set<String> codes = new TreeSet<>();
                org.communities().forEach(c -> codes.add(c.code()));
                return codes;
            }

            @Override
            public Set<String> supervisedBy(String supervisionGroup) {
                return new TreeSet<>(org.communitiesSupervisedBy(supervisionGroup));
            }
        });
    }
}
