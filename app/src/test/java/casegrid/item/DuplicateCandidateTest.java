package casegrid.item;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateCandidateTest {

    @Test
    void aUnitWithinTheBuildingIsTheSamePlaceAndAnotherBuildingIsNot() {
        assertThat(DuplicateCandidate.samePlaceNumbers("福泰小区1号楼", "福泰小区1号楼2单元")).isTrue();
        assertThat(DuplicateCandidate.samePlaceNumbers("福泰小区1号楼2单元", "福泰小区01号楼")).isTrue();
        assertThat(DuplicateCandidate.samePlaceNumbers("福泰小区", "福泰小区1号楼")).isTrue();
        assertThat(DuplicateCandidate.samePlaceNumbers("福泰小区3号楼", "福泰小区1号楼")).isFalse();
        assertThat(DuplicateCandidate.samePlaceNumbers("福华路8号", "福华路9号")).isFalse();
    }

    @Test
    void theReasonSaysWhatMatchedAndNamesNoParty() {
        assertThat(new DuplicateCandidate("QF-2026-000001", 0.5833, 0.2, false).describe())
                .isEqualTo("QF-2026-000001（地址相似度 58%）");
        assertThat(new DuplicateCandidate("QF-2026-000002", 1.0, 0.8, true).describe())
                .isEqualTo("QF-2026-000002（当事人姓名或电话相同；地址相同；标题相似度 80%）");
        assertThat(new DuplicateCandidate("QF-2026-000003", 0.35, 1.0, false).likely()).isTrue();
        assertThat(new DuplicateCandidate("QF-2026-000004", 0.1, 1.0, false).likely()).isFalse();
    }

    @Test
    void reportedWithin50MetresIsACandidateWhateverTheAddressSaysAndTheReasonGivesTheDistance() {
        DuplicateCandidate near = new DuplicateCandidate("QF-2026-000005", 0.1, 0.2, false, 31.6);
        assertThat(near.likely()).isTrue();
        assertThat(near.describe()).isEqualTo("QF-2026-000005（相距 32 米）");
        assertThat(new DuplicateCandidate("QF-2026-000006", 0.1, 0.2, false, 50.4).likely()).isFalse();
        assertThat(new DuplicateCandidate("QF-2026-000007", 0.1, 0.2, false, null).likely()).isFalse();
        assertThat(new DuplicateCandidate("QF-2026-000008", 0.6, 0.9, false, 12.0).describe())
                .isEqualTo("QF-2026-000008（相距 12 米；地址相似度 60%；标题相似度 90%）");
    }
}
