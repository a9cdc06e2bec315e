package casegrid.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.item.RiskItemStore.Party;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How parties' names and phones print for roles that do not need them. */
class MaskingTest {

    @ParameterizedTest
    @CsvSource({"张三,张*", "张三丰,张**", "欧阳娜娜,欧***", "李,李*", "Zhang Wei,Z********"})
    void aNameKeepsOnlyItsFirstCharacter(String name, String masked) {
        assertThat(Masking.name(name)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({"13912345678,139****5678", "139 1234 5678,139****5678", "010-88886666,*******6666", "110,****",
            "0571-8888-6666,********6666"})
    void aPhoneKeepsTooLittleToCall(String phone, String masked) {
        assertThat(Masking.phone(phone)).isEqualTo(masked);
    }

    @Test
    void emptyValuesStayEmptyAndTheRoleIsKept() {
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.phone("")).isEmpty();
        assertThat(Masking.party(new Party("王五", null, "当事人"), false)).isEqualTo(new Party("王*", null, "当事人"));
        assertThat(Masking.party(new Party("王五", "13800001111", "当事人"), true)).isEqualTo(new Party("王五", "13800001111", "当事人"));
    }
}
