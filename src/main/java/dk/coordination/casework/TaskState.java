package dk.coordination.casework;

/**
 * State of an organisation's own task on a case. DONE and CANCELLED are final and carry
 * an outcome.
 */
public enum TaskState {

	PLANNED, IN_PROGRESS, DONE, CANCELLED;

	public boolean isFinished() {
		return this == DONE || this == CANCELLED;
	}

}
