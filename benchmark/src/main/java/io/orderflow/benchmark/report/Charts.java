package io.orderflow.benchmark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;

/**
 * The report's charts, rendered with XChart.
 */
final class Charts {

	/** One colour per design, in {@link Design}'s order. */
	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x98df8a), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
			new Color(0x17becf) };

	private static final int POINTS = 400;

	private Charts() {
	}

	/**
	 * Cumulative distribution of lateness per design over all runs: the share of due
	 * orders cancelled within x seconds of their deadline (a curve that stays below 100%
	 * had timers that never fired in the window).
	 */
	static void lateness(Map<Design, List<Results.Lateness>> byDesign, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(560)
			.title("Lateness of timers due during the run (cancelled_at - payment_deadline), all runs")
			.xAxisTitle("lateness, seconds (log scale)")
			.yAxisTitle("share of due orders cancelled, %")
			.build();
		style(chart);
		chart.getStyler().setXAxisLogarithmic(true);
		chart.getStyler().setXAxisMin(0.01);
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setYAxisMax(100.0);
		chart.getStyler().setYAxisTickMarkSpacingHint(60);
		chart.getStyler().setYAxisDecimalPattern("#");
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		int colour = 0;
		for (Map.Entry<Design, List<Results.Lateness>> entry : byDesign.entrySet()) {
			List<Results.Lateness> runs = entry.getValue();
			int due = runs.stream().mapToInt(Results.Lateness::due).sum();
			double[] all = runs.stream().flatMapToDouble((run) -> Arrays.stream(run.seconds())).sorted().toArray();
			if (due == 0) {
				continue;
			}
			List<Double> x = new ArrayList<>();
			List<Double> y = new ArrayList<>();
			x.add(0.01);
			y.add(0.0);
			int step = Math.max(all.length / POINTS, 1);
			for (int i = 0; i < all.length; i += step) {
				x.add(Math.max(all[i], 0.01));
				y.add(100.0 * (i + 1) / due);
			}
			if (all.length > 0) {
				x.add(Math.max(all[all.length - 1], 0.01));
				y.add(100.0 * all.length / due);
			}
			String name = String.format(java.util.Locale.ROOT, "%s (%.1f%% fired)", entry.getKey().label(),
					100.0 * all.length / due);
			XYSeries series = chart.addSeries(name, x, y);
			series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
			series.setLineColor(PALETTE[colour++ % PALETTE.length]);
			series.setMarker(SeriesMarkers.NONE);
		}
		save(chart, file);
	}

	/** Orders created per second of the measured create-throughput window, per run. */
	static void throughput(List<Results.Run> runs, double ceilingPerSecond, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(500)
			.title("POST /api/orders: orders created per second (" + runs.get(0).creation().load().clients()
					+ " clients)")
			.xAxisTitle("second of the measured window")
			.yAxisTitle("orders/s")
			.build();
		style(chart);
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		int colour = 0;
		int longest = 0;
		for (Results.Run run : runs) {
			long[] perSecond = run.creation().load().perSecond();
			longest = Math.max(longest, perSecond.length);
			double[] x = new double[perSecond.length];
			double[] y = new double[perSecond.length];
			for (int i = 0; i < perSecond.length; i++) {
				x[i] = i + 1;
				y[i] = perSecond[i];
			}
			if (x.length == 0) {
				continue;
			}
			XYSeries series = chart.addSeries("run " + run.number(), x, y);
			series.setLineColor(PALETTE[colour++ % PALETTE.length]);
			series.setMarker(SeriesMarkers.NONE);
		}
		if (longest > 0 && !Double.isNaN(ceilingPerSecond)) {
			XYSeries ceiling = chart.addSeries(
					String.format(java.util.Locale.ROOT,
							"database ceiling for the same transaction (median, %.0f tx/s)", ceilingPerSecond),
					new double[] { 1, longest }, new double[] { ceilingPerSecond, ceilingPerSecond });
			ceiling.setLineColor(Color.GRAY);
			ceiling.setLineStyle(
					new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 8f, 6f }, 0f));
			ceiling.setMarker(SeriesMarkers.NONE);
		}
		save(chart, file);
	}

	/**
	 * Share of the storm's orders cancelled against seconds after their common deadline,
	 * per design, from the run with the median completion time.
	 */
	static void storm(Map<Design, Results.Storm> medianRuns, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(500)
			.title("Expiry storm: orders due in the same second, cancelled over time (median run)")
			.xAxisTitle("seconds after the deadline")
			.yAxisTitle("share cancelled, %")
			.build();
		style(chart);
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setYAxisMax(100.0);
		chart.getStyler().setXAxisMin(0.0);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
		int colour = 0;
		for (Results.Storm storm : medianRuns.values()) {
			double[] offsets = storm.offsets();
			if (offsets.length == 0) {
				colour++;
				continue;
			}
			List<Double> x = new ArrayList<>();
			List<Double> y = new ArrayList<>();
			x.add(0.0);
			y.add(0.0);
			int step = Math.max(offsets.length / POINTS, 1);
			for (int i = 0; i < offsets.length; i += step) {
				x.add(Math.max(offsets[i], 0.0));
				y.add(100.0 * (i + 1) / storm.size());
			}
			x.add(Math.max(offsets[offsets.length - 1], 0.0));
			y.add(100.0 * offsets.length / storm.size());
			XYSeries series = chart.addSeries(storm.design().label(), x, y);
			series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
			series.setLineColor(PALETTE[colour++ % PALETTE.length]);
			series.setMarker(SeriesMarkers.NONE);
		}
		save(chart, file);
	}

	private static void style(XYChart chart) {
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		chart.getStyler().setPlotBackgroundColor(Color.WHITE);
		chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
		chart.getStyler().setLegendBorderColor(new Color(0xcccccc));
		chart.getStyler().setAntiAlias(true);
	}

	private static void save(XYChart chart, Path file) throws IOException {
		Files.createDirectories(file.getParent());
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
