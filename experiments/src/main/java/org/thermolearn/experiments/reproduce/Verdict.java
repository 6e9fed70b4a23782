package org.thermolearn.experiments.reproduce;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one {@link Claim}, computed by code from the runs: a kind, the reason in one or two
 * sentences, and the numbers behind it (a small table, mean ± standard deviation over seeds).
 */
public record Verdict(Kind kind, String reason, List<String> header, List<List<String>> rows) {

    public enum Kind {
        REPRODUCED("reproduced"), PARTLY("partly"), NOT_REPRODUCED("not reproduced"), DEPENDS_ON_READING("depends on reading"),
        /** The decisive comparison's margin to its threshold lies inside the seed spread: more seeds could flip it. */
        BORDERLINE("borderline");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }
    }

    public Verdict {
        if (kind == null) throw new IllegalArgumentException("a verdict needs a kind");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a verdict needs a reason");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** Builder for the numbers table. */
    static final class Table {
        final List<String> header;
        final List<List<String>> rows = new ArrayList<>();

        Table(String... header) { this.header = List.of(header); }

        Table row(Object... cells) {
            List<String> r = new ArrayList<>();
            for (Object c : cells) r.add(c instanceof Double d ? Evidence.fmt(d) : String.valueOf(c));
            rows.add(r);
            return this;
        }

        Verdict verdict(Kind k, String reason) { return new Verdict(k, reason, header, rows); }
    }
}
