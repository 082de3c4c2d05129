import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * The benchmark's plot: uploads/s and p99 latency per PNG size, one row of panels per connection
 * count, one bar per server (the mean of its runs, each run a black tick). Log scales, because
 * 4 KiB and 1 MiB differ by orders of magnitude. Headless AWT, no dependency.
 *
 *   java -Djava.awt.headless=true bench/Plot.java plot.tsv out.png "title suffix"
 * plot.tsv: label, scenario, size, conns, run, rps, p99_ms (tab-separated, one header line).
 */
public class Plot {

    record Row(String label, String size, int conns, double rps, double p99) {
    }

    static final Color[] COLORS = { new Color(0x1f77b4), new Color(0x6baed6), new Color(0x2ca02c), new Color(0x98df8a),
            new Color(0xd62728), new Color(0xff9896), new Color(0x9467bd) };
    static final int PANEL_W = 620, PANEL_H = 330, MARGIN = 70, TOP = 90;

    public static void main(String[] args) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        Set<String> labels = new LinkedHashSet<>(), sizes = new LinkedHashSet<>();
        Set<Integer> conns = new java.util.TreeSet<>();
        for (Row r : rows) {
            labels.add(r.label());
            sizes.add(r.size());
            conns.add(r.conns());
        }
        int width = 2 * PANEL_W + 3 * MARGIN, height = TOP + conns.size() * (PANEL_H + MARGIN);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("KYC upload benchmark, rotate scenario" + (args.length > 2 ? " (" + args[2] + ")" : ""), MARGIN, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = MARGIN, i = 0;
        Map<String, Color> colors = new LinkedHashMap<>();
        for (String label : labels) {
            Color c = COLORS[i++ % COLORS.length];
            colors.put(label, c);
            g.setColor(c);
            g.fillRect(x, 48, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(label, x + 18, 60);
            x += g.getFontMetrics().stringWidth(label) + 40;
        }
        int row = 0;
        for (int c : conns) {
            int top = TOP + row++ * (PANEL_H + MARGIN);
            List<Row> these = rows.stream().filter(r -> r.conns() == c).toList();
            panel(g, MARGIN, top, "uploads/s, c=" + c + " (higher is better)", these, sizes, colors, true);
            panel(g, 2 * MARGIN + PANEL_W, top, "p99 latency ms, c=" + c + " (lower is better)", these, sizes, colors, false);
        }
        ImageIO.write(image, "png", new File(args[1]));
    }

    static void panel(Graphics2D g, int left, int top, String title, List<Row> rows, Set<String> sizes,
            Map<String, Color> colors, boolean throughput) {
        double max = rows.stream().mapToDouble(r -> value(r, throughput)).max().orElse(1);
        double min = rows.stream().mapToDouble(r -> value(r, throughput)).filter(v -> v > 0).min().orElse(1);
        int lo = (int) Math.floor(Math.log10(Math.max(min, 1e-3))), hi = (int) Math.ceil(Math.log10(Math.max(max, 1e-3)));
        if (hi == lo) {
            hi++;
        }
        int bottom = top + PANEL_H;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, top - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int e = lo; e <= hi; e++) {
            int y = y(Math.pow(10, e), lo, hi, top, bottom);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + PANEL_W, y);
            g.setColor(Color.DARK_GRAY);
            String tick = e >= 0 ? String.valueOf((long) Math.pow(10, e)) : String.valueOf(Math.pow(10, e));
            g.drawString(tick, left - 8 - g.getFontMetrics().stringWidth(tick), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, left + PANEL_W, bottom);
        int groupW = PANEL_W / Math.max(1, sizes.size());
        int gi = 0;
        for (String size : sizes) {
            int gx = left + gi++ * groupW;
            g.setColor(Color.BLACK);
            g.drawString(size, gx + groupW / 2 - g.getFontMetrics().stringWidth(size) / 2, bottom + 18);
            List<String> present = colors.keySet().stream()
                    .filter(l -> rows.stream().anyMatch(r -> r.label().equals(l) && r.size().equals(size))).toList();
            int barW = Math.max(4, (groupW - 20) / Math.max(1, present.size()));
            int bi = 0;
            for (String label : present) {
                List<Double> values = rows.stream().filter(r -> r.label().equals(label) && r.size().equals(size))
                        .map(r -> value(r, throughput)).toList();
                double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                int bx = gx + 10 + bi++ * barW;
                int by = y(mean, lo, hi, top, bottom);
                g.setColor(colors.get(label));
                g.fillRect(bx, by, barW - 2, bottom - by);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2));
                for (double v : values) {
                    int vy = y(v, lo, hi, top, bottom);
                    g.drawLine(bx + 2, vy, bx + barW - 4, vy);
                }
                g.setStroke(new BasicStroke(1));
            }
        }
    }

    static double value(Row r, boolean throughput) {
        return throughput ? r.rps() : r.p99();
    }

    static int y(double value, int lo, int hi, int top, int bottom) {
        double v = Math.log10(Math.max(value, Math.pow(10, lo)));
        return (int) Math.round(bottom - (v - lo) / (hi - lo) * (bottom - top));
    }
}
