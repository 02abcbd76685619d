package dk.coordination.audit;

import java.util.List;

/**
 * The log of reads of personal data. Entries are written in the transaction of the read,
 * so a read that happened is logged and a logged read happened; they can never be changed
 * or deleted. Who read comes from the caller's token, the request id from the request.
 */
public interface AccessLog {

	/**
	 * @throws org.springframework.transaction.IllegalTransactionStateException outside a
	 * transaction, because a read logged apart from its transaction could be lost or
	 * invented
	 */
	void record(PersonalDataRead read);

	void recordAll(List<PersonalDataRead> reads);

}
