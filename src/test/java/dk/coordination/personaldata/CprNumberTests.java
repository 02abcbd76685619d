package dk.coordination.personaldata;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CprNumberTests {

	@Test
	void acceptsBothWrittenForms() {
		assertThat(CprNumber.parse("0101900000")).isEqualTo(CprNumber.parse("010190-0000"));
		assertThat(CprNumber.parse(" 010190-0000 ").digits()).isEqualTo("0101900000");
	}

	@Test
	void doesNotApplyTheModulus11Check() {
		// 010190-0001 fails modulus 11; such numbers have been issued since 2007
		assertThat(CprNumber.isValid("010190-0001")).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "010190-0000, 1990-01-01", "290200-4000, 2000-02-29", "311299-3000, 1999-12-31",
			"010137-4000, 1937-01-01", "010136-9000, 2036-01-01", "010158-5000, 1858-01-01",
			"010157-5000, 2057-01-01" })
	void birthDateFollowsTheCenturyTable(String cpr, LocalDate birthDate) {
		assertThat(CprNumber.parse(cpr).birthDate()).isEqualTo(birthDate);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "01019-00000", "010190--0000", "010190 0000", "01019000001", "0101900",
			"x10190-0000" })
	void rejectsWhatIsNotShapedLikeACprNumber(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> CprNumber.parse(text))
			.withMessage("CPR number must be DDMMYYSSSS or DDMMYY-SSSS");
	}

	@ParameterizedTest
	@ValueSource(strings = { "320190-0000", "001290-0000", "011390-0000", "290201-4000", "310490-0000" })
	void rejectsDatesThatDoNotExist(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> CprNumber.parse(text))
			.withMessageContaining("is not a real date");
	}

	@Test
	void masksTheSerialAndNeverPrintsIt() {
		CprNumber cpr = CprNumber.parse("010190-1234");
		assertThat(cpr.masked()).isEqualTo("010190-xxxx");
		assertThat(cpr.formatted()).isEqualTo("010190-1234");
		assertThat(cpr.toString()).doesNotContain("1234");
	}

	@Test
	void rejectsNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> CprNumber.parse(null));
	}

}
