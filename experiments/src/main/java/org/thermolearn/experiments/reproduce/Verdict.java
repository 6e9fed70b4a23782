package org.thermolearn.experiments.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one {@link Claim}, computed by code from the runs: a kind, the reason in one or two
 * sentences, the decisive margin (the comparison closest to flipping the verdict, with its seed spread), and
 * the numbers behind it (a small table, mean ± standard deviation over seeds).
 */
public record Verdict(Kind kind, String reason, Margin margin, List<String> header, List<List<String>> rows) {

    public enum Kind {
        REPRODUCED("reproduced"), PARTLY("partly"), NOT_REPRODUCED("not reproduced"), DEPENDS_ON_READING("depends on reading"),
        /** The decisive comparison's margin to its threshold lies inside the seed spread: more seeds could flip it. */
        BORDERLINE("borderline");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }
    }

    /**
     * The decisive comparison of a verdict: a quantity against its threshold, the signed margin (positive on the
     * claim's side) as the mean over seeds, and the seed spread of that margin (sample standard deviation).
     *
     * @param quantity what is compared with what, e.g. "0.5 − U/U_∂ at the end (shallow)"
     * @param value    the margin (mean over seeds); NaN when there is no comparison
     * @param spread   the seed standard deviation of the margin (0 with one seed, NaN when unknown)
     */
    public record Margin(String quantity, double value, double spread) {
        /** A verdict that could not be evaluated has no margin. */
        public static final Margin NONE = new Margin("none", Double.NaN, Double.NaN);

        /** Distance to the threshold in seed standard deviations (∞ when the seeds agree exactly and the margin is not 0). */
        public double z() {
            if (!Double.isFinite(value)) return Double.NaN;
            if (!(spread > 0)) return value == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, value);
            return value / spread;
        }

        /** True when the margin lies within {@link Claims#SPREAD} seed standard deviations of its threshold. */
        public boolean borderline() {
            return Double.isFinite(value) && Double.isFinite(spread) && spread > 0 && Math.abs(value) <= Claims.SPREAD * spread;
        }

        /** "0.021" */
        public String valueText() { return Evidence.fmt(value); }

        /** "± 0.015" or "—". */
        public String spreadText() {
            if (!Double.isFinite(value)) return "—";
            return "± " + Evidence.fmt(Double.isFinite(spread) ? spread : 0) + (Double.isFinite(spread) && spread > 0
                    ? String.format(Locale.ROOT, " (%s sd)", Double.isInfinite(z()) ? "∞" : Evidence.fmt(Math.abs(z()))) : "");
        }
    }

    public Verdict {
        if (kind == null) throw new IllegalArgumentException("a verdict needs a kind");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a verdict needs a reason");
        if (margin == null) margin = Margin.NONE;
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** Builder for the numbers table. */
    static final class Table {
        final List<String> header;
        final List<List<String>> rows = new ArrayList<>();
        private Margin margin = Margin.NONE;

        Table(String... header) { this.header = List.of(header); }

        Table row(Object... cells) {
            List<String> r = new ArrayList<>();
            for (Object c : cells) r.add(c instanceof Double d ? Evidence.fmt(d) : String.valueOf(c));
            rows.add(r);
            return this;
        }

        /** Sets the decisive margin the verdict carries. */
        Table margin(Margin m) {
            margin = m == null ? Margin.NONE : m;
            return this;
        }

        Margin margin() { return margin; }

        Verdict verdict(Kind k, String reason) { return new Verdict(k, reason, margin, header, rows); }
    }
}
