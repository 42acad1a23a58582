package zvt.crypto.ops.load;

import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An SVG latency-by-percentile plot, the HdrHistogram way: the x axis stretches the tail ({@code 1 / (1 - p)} on a
 * log scale: 0 %, 90 %, 99 %, 99.9 %, ...), the y axis is latency on a log scale, one line per hop.
 */
final class PercentilePlot
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final int NINES = 5;
    private static final String[] PERCENTILE_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    private PercentilePlot()
    {
    }

    /** @param unitNanos nanoseconds per plotted unit (1000: µs). */
    static String svg(final String title, final Map<String, Histogram> hops, final double unitNanos)
    {
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (final Histogram histogram : hops.values())
        {
            if (histogram.getTotalCount() > 0)
            {
                lowest = Math.min(lowest, Math.max(1, histogram.getMinValue()) / unitNanos);
                highest = Math.max(highest, histogram.getMaxValue() / unitNanos);
            }
        }
        final int minDecade = lowest == Double.MAX_VALUE ? 0 : (int)Math.floor(Math.log10(Math.max(lowest, 0.1)));
        final int maxDecade = Math.max(minDecade + 1, (int)Math.ceil(Math.log10(Math.max(highest, 1))));
        final StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
            .append("<text x=\"").append(LEFT).append("\" y=\"24\" font-size=\"15\">").append(escape(title))
            .append("</text>\n");
        for (int nines = 0; nines <= NINES; nines++)
        {
            final double x = x(nines);
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#ddd"))
                .append(text(x, HEIGHT - BOTTOM + 18, "middle", percentileLabel(nines)));
        }
        for (int decade = minDecade; decade <= maxDecade; decade++)
        {
            final double y = y(decade, minDecade, maxDecade);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd"))
                .append(text(LEFT - 6, y + 4, "end", microsLabel(decade)));
        }
        svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 10, "middle", "percentile"))
            .append(text(16, TOP - 10, "start", "latency"));
        int series = 0;
        for (final Map.Entry<String, Histogram> entry : hops.entrySet())
        {
            final Histogram histogram = entry.getValue();
            if (histogram.getTotalCount() == 0)
            {
                continue;
            }
            final String colour = COLOURS[series % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
            for (final HistogramIterationValue value : histogram.percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0)
                {
                    break;
                }
                final double nines = Math.min(NINES, Math.log10(100.0 / (100.0 - percentile)));
                final double units = Math.max(value.getValueIteratedTo() / unitNanos, Math.pow(10, minDecade));
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines),
                    y(Math.log10(units), minDecade, maxDecade)));
            }
            svg.append("\"/>\n");
            final double legendY = TOP + 20 + series * 20;
            svg.append(line(WIDTH - RIGHT + 15, legendY - 4, WIDTH - RIGHT + 40, legendY - 4, colour))
                .append(text(WIDTH - RIGHT + 46, legendY, "start", entry.getKey()));
            series++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(final double nines)
    {
        return LEFT + nines / NINES * (WIDTH - LEFT - RIGHT);
    }

    private static double y(final double decade, final int minDecade, final int maxDecade)
    {
        return HEIGHT - BOTTOM - (decade - minDecade) / (maxDecade - minDecade) * (HEIGHT - TOP - BOTTOM);
    }

    private static String percentileLabel(final int nines)
    {
        return PERCENTILE_LABELS[nines];
    }

    private static String microsLabel(final int decade)
    {
        final double micros = Math.pow(10, decade);
        if (micros >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.0f s", micros / 1_000_000);
        }
        return micros >= 1000 ? String.format(Locale.ROOT, "%.0f ms", micros / 1000) :
            String.format(Locale.ROOT, "%s µs", decade < 0 ? Double.toString(micros) : Long.toString((long)micros));
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String colour)
    {
        return String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1, y1, x2, y2, colour);
    }

    private static String text(final double x, final double y, final String anchor, final String text)
    {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
            x, y, anchor, escape(text));
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
