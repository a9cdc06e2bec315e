package casegrid.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Whom a task waits for: its assignee, or else its candidate users and the members of its candidate
 * groups; the groups' units hear of it through their robots.
 */
record TaskPeople(Set<String> users, List<String> groups) {

    static TaskPeople of(String assignee, Collection<? extends IdentityLink> links, Notifications notifications) {
        Set<String> users = new LinkedHashSet<>();
        List<String> groups = new ArrayList<>();
        if (assignee != null) {
            users.add(assignee);
        } else {
            for (IdentityLink link : links) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    continue;
                }
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
            }
        }
        users.addAll(notifications.membersOf(groups));
        return new TaskPeople(users, groups);
    }

    List<String> units() {
        return groups.stream().map(TaskWaitingNotifier::unitOf).distinct().toList();
    }
}
