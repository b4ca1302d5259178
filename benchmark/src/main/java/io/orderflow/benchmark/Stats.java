package io.orderflow.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Percentiles of samples and medians over runs.
 */
public final class Stats {

	private Stats() {
	}

	/** Nearest-rank percentile of sorted values; NaN when there are none. */
	public static double percentile(double[] sorted, double percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
	}

	static double[] sorted(double[] values) {
		double[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

	/**
	 * Median (the middle run, or the mean of the two middle ones), minimum and maximum of
	 * one figure over the runs.
	 */
	public record Summary(double median, double min, double max, int count) {

		public static Summary of(List<Double> values) {
			double[] sorted = values.stream()
				.filter(Objects::nonNull)
				.mapToDouble(Double::doubleValue)
				.filter((value) -> !Double.isNaN(value))
				.sorted()
				.toArray();
			if (sorted.length == 0) {
				return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
			}
			int middle = sorted.length / 2;
			double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
			return new Summary(median, sorted[0], sorted[sorted.length - 1], sorted.length);
		}

		public boolean isEmpty() {
			return this.count == 0;
		}

		/** {@code median (min-max)}, or the value alone for a single run. */
		public String format(String pattern) {
			if (isEmpty()) {
				return "n/a";
			}
			if (this.count == 1 || this.min == this.max) {
				return String.format(Locale.ROOT, pattern, this.median);
			}
			return String.format(Locale.ROOT, pattern + " (" + pattern + "-" + pattern + ")", this.median, this.min,
					this.max);
		}

	}

	public static String format(String pattern, double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
	}

	/** A duration in seconds for people: NaN is n/a, infinity is never. */
	public static String seconds(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Double.isInfinite(value)) {
			return "never";
		}
		return String.format(Locale.ROOT, (Math.abs(value) < 10) ? "%.2f s" : "%.1f s", value);
	}

}
