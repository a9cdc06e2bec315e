package casegrid.access;

import casegrid.org.OrgDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                Map<String, String> communities = org.streetOfEveryCommunity();
                Map<String, String> departments = org.streetOfEveryDepartment();
                List<AccessPolicy.StreetArea> streets = new ArrayList<>();
                for (OrgDirectory.Street s : org.streets()) {
                    streets.add(new AccessPolicy.StreetArea(s.code(), s.centerGroup(), s.leadersGroup(),
                            keysOf(communities, s.code()), keysOf(departments, s.code())));
                }
                return streets;
            }

            @Override
            public Set<String> supervisedBy(String supervisionGroup) {
                return new TreeSet<>(org.communitiesSupervisedBy(supervisionGroup));
            }
        });
    }

    private static Set<String> keysOf(Map<String, String> streetOf, String street) {
        Set<String> keys = new TreeSet<>();
        streetOf.forEach((key, value) -> {
            if (street.equals(value)) {
                keys.add(key);
            }
        });
        return keys;
    }
}
