package casegrid.access;

import casegrid.org.OrgDirectory;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy over the organisation's tables (read on each call: streets and communities change with OrgSync). */
@Configuration
class AccessConfig {

    @Bean
    AccessPolicy accessPolicy(OrgDirectory org) {
        return new AccessPolicy(new AccessPolicy.Areas() {
            @Override
            public List<AccessPolicy.StreetArea> streets() {
                return org.streetMembers().stream().map(s -> new AccessPolicy.StreetArea(s.code(), s.centerGroup(),
                        s.leadersGroup(), new TreeSet<>(s.communities()), new TreeSet<>(s.departments()))).toList();
            }

            @Override
            public Set<String> supervisedBy(String supervisionGroup) {
                return new TreeSet<>(org.communitiesSupervisedBy(supervisionGroup));
            }
        });
    }
}
