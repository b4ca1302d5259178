package io.orderflow.benchmark.report;

/**
 * A numbered section of the report.
 */
interface Section {

	String title();

	/** The section's body, opening with how it was measured. */
	void appendTo(StringBuilder md);

}
