package casegrid.item;

import static casegrid.item.ItemStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transition table as the models use it: every allowed move, and the refusals named. */
class ItemStatusTest {

    /** The moves the models make (risk-item, whistle and joint-meeting), written out once more by hand. */
    static final Map<ItemStatus, Set<ItemStatus>> EXPECTED = Map.ofEntries(
            Map.entry(REGISTERED, EnumSet.of(GRADING, MERGED)),
            Map.entry(GRADING, EnumSet.of(RECTIFYING, PLANNING)),
            Map.entry(RECTIFYING, EnumSet.of(CLOSURE_PENDING)),
            Map.entry(PLANNING, EnumSet.of(RESOLVING)),
            Map.entry(RESOLVING, EnumSet.of(PLANNING, CLOSURE_PENDING, WHISTLE, TRANSFERRED, MEETING_COMMUNITY,
                    MEETING_STREET, MEETING_DISTRICT)),
            Map.entry(WHISTLE, EnumSet.of(RESOLVING)),
            Map.entry(MEETING_COMMUNITY, EnumSet.of(MEETING_STREET, RESOLVING)),
            Map.entry(MEETING_STREET, EnumSet.of(MEETING_DISTRICT, RESOLVING)),
            Map.entry(MEETING_DISTRICT, EnumSet.of(RESOLVING)),
            Map.entry(CLOSURE_PENDING, EnumSet.of(CLOSED, RECTIFYING, RESOLVING)),
            Map.entry(CLOSED, EnumSet.of(RESOLVING)),
            Map.entry(MERGED, EnumSet.noneOf(ItemStatus.class)),
            Map.entry(TRANSFERRED, EnumSet.noneOf(ItemStatus.class)));

    static Stream<Arguments> allPairs() {
        return Stream.of(values()).flatMap(from -> Stream.of(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("allPairs")
    void everyPairIsAllowedExactlyWhenTheTableSaysSo(ItemStatus from, ItemStatus to) {
        boolean expected = from == to || EXPECTED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).isEqualTo(expected);
        if (expected) {
            from.checkMoveTo(to);
        } else {
            assertThatThrownBy(() -> from.checkMoveTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(from + " → " + to);
        }
    }

    @Test
    void everyStatusHasARowInTheTable() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(values());
        for (ItemStatus status : values()) {
            assertThat(status.allowedMoves()).as(status.name()).isEqualTo(EXPECTED.get(status));
        }
    }

    @Test
    void aClosedItemCannotBeMergedAndTheRefusalNamesBothEnds() {
        assertThatThrownBy(() -> CLOSED.checkMoveTo(MERGED))
                .isInstanceOf(ItemStatus.IllegalMove.class)
                .hasMessage("事项状态不能从 CLOSED 变为 MERGED (illegal move CLOSED → MERGED)")
                .satisfies(e -> {
                    assertThat(((ItemStatus.IllegalMove) e).from()).isEqualTo(CLOSED);
                    assertThat(((ItemStatus.IllegalMove) e).to()).isEqualTo(MERGED);
                });
    }

    @Test
    void theEndsLeadNowhereButToThemselves() {
        assertThat(MERGED.canMoveTo(RESOLVING)).isFalse();
        assertThat(TRANSFERRED.canMoveTo(RESOLVING)).isFalse();
        assertThat(MERGED.canMoveTo(MERGED)).isTrue();
    }

    @Test
    void aStepThatChangesTheItemIsNotRepeated() {
        CLOSURE_PENDING.checkChangeTo(CLOSED);
        assertThatThrownBy(() -> CLOSED.checkChangeTo(CLOSED)).hasMessageContaining("CLOSED → CLOSED");
        assertThatThrownBy(() -> REGISTERED.checkChangeTo(CLOSED)).hasMessageContaining("REGISTERED → CLOSED");
    }

    @Test
    void openIsEverythingButTheThreeEnds() {
        assertThat(OPEN).doesNotContain(CLOSED, MERGED, TRANSFERRED).hasSize(values().length - 3);
        assertThat(Stream.of(values()).filter(ItemStatus::isOpen)).containsExactlyInAnyOrderElementsOf(OPEN);
        assertThat(ELSEWHERE).containsExactlyInAnyOrder(MERGED, TRANSFERRED);
    }

    @Test
    void sqlNamesTheSetsByBindParameter() {
        assertThat(SQL_PARAMS.get("open")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrderElementsOf(OPEN.stream().map(Enum::name).toList());
        assertThat(SQL_PARAMS.get("elsewhere")).isEqualTo(List.of("MERGED", "TRANSFERRED"));
        assertThat(SQL_PARAMS).containsEntry("closed", "CLOSED").containsEntry("merged", "MERGED")
                .containsEntry("transferred", "TRANSFERRED");
    }

    @Test
    void anUnknownStatusIsRefusedWithItsValue() {
        assertThatThrownBy(() -> ItemStatus.of("DONE")).hasMessageContaining("DONE");
    }
}
