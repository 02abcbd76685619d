package dk.coordination.organisation;

/**
 * Who runs a unit's secretariat. Which organisation that is under each model is data of
 * the unit.
 */
public enum SecretariatModel {

	/**
	 * The municipality's employment and integration administration runs the secretariat.
	 */
	MODEL_1,

	/**
	 * The police run the secretariat; the municipality coordinates its own departments in
	 * a space the other authorities cannot see.
	 */
	MODEL_2;

	/** The model a switch from this one leads to: there are two. */
	public SecretariatModel other() {
		return (this == MODEL_1) ? MODEL_2 : MODEL_1;
	}

}
