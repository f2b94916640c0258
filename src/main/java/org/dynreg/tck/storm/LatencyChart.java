package org.dynreg.tck.storm;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The latency-over-time chart (PNG, JFreeChart): reply latency per interval, and registrations per second. */
final class LatencyChart {

    private LatencyChart() {
    }

    static void write(StormFiles.Data data, Path png) {
        System.setProperty("java.awt.headless", "true");
        XYSeries p50 = new XYSeries("reply p50");
        XYSeries p99 = new XYSeries("reply p99");
        XYSeries max = new XYSeries("reply max");
        XYSeries login = new XYSeries("static login p99");
        XYSeries registrations = new XYSeries("registrations completed");
        for (StormFiles.Second s : data.timeline()) {
            Histogram reply = s.latencies().get(Step.REPLY);
            if (reply != null && reply.getTotalCount() > 0) {
                p50.add(s.offsetSeconds(), reply.getValueAtPercentile(50) / 1000.0);
                p99.add(s.offsetSeconds(), reply.getValueAtPercentile(99) / 1000.0);
                max.add(s.offsetSeconds(), reply.getMaxValue() / 1000.0);
            }
            Histogram done = s.latencies().get(Step.STATIC_LOGIN);
            if (done != null && done.getTotalCount() > 0) {
                login.add(s.offsetSeconds(), done.getValueAtPercentile(99) / 1000.0);
            }
            registrations.add(s.offsetSeconds(), s.perSecond(Step.STATIC_LOGIN));
        }
        XYSeriesCollection latencies = new XYSeriesCollection();
        latencies.addSeries(p50);
        latencies.addSeries(p99);
        latencies.addSeries(max);
        latencies.addSeries(login);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        Color[] colours = {new Color(0x2e8b57), new Color(0xd2691e), new Color(0xb22222), new Color(0x6a5acd)};
        for (int i = 0; i < colours.length; i++) {
            lines.setSeriesPaint(i, colours[i]);
            lines.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot latencyPlot = new XYPlot(latencies, null, new NumberAxis("latency (ms)"), lines);
        ValueMarker deadline = new ValueMarker(data.counts().deadlineMillis(), Color.RED, new BasicStroke(1.5f));
        deadline.setLabel("reply deadline " + data.counts().deadlineMillis() + " ms");
        if (max.getItemCount() > 0 && max.getMaxY() >= data.counts().deadlineMillis() / 2.0) {
            latencyPlot.addRangeMarker(deadline); // else it would squash the curves at the bottom
        }
        XYSeriesCollection perSecond = new XYSeriesCollection(registrations);
        perSecond.setIntervalWidth(StormFiles.INTERVAL_MILLIS / 1000.0);
        perSecond.setIntervalPositionFactor(0);
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x4a7ab5));
        XYPlot throughput = new XYPlot(perSecond, null, new NumberAxis("registrations / s"), bars);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds since the storm started"));
        plot.add(latencyPlot, 2);
        plot.add(throughput, 1);
        ShardCounts c = data.counts();
        JFreeChart chart = new JFreeChart("Registration storm: " + c.devices() + " devices, MQTT " + c.mqttVersion()
                + ", " + c.arrivals(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 650);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + png, e);
        }
    }
}
