package org.thermolearn.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.SpectrumRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Everything the report is computed from, read only from a reproduction directory: the run directories under
 * {@code runs/} (metrics.arrow, spectra.arrow, status), {@code plan.json} and {@code mcmc/gaussian-check.json}.
 * Regenerating the report therefore needs no training and no sampling.
 */
public record Evidence(Path root, String scale, List<Series> runs, GaussianCheck.Result mcmc) {

    /**
     * One run's recorded series, read through its {@link RunView} (the one read side, with its one rule for a missing
     * column: an error naming the column and the run, which {@link Claim#verdict} reports as "could not be evaluated").
     */
    public record Series(String name, String role, int hiddenLayers, long seed, String architecture, String status, RunView view) {

        public boolean has(Metric m) { return view.has(m); }

        public boolean has(Metric m, IntegrationSpace space) { return view.has(m, space); }

        public double[] col(Metric m) { return view.column(m); }

        public double[] col(Metric m, IntegrationSpace space) { return view.column(m, space); }

        public double first(Metric m) { return first(col(m)); }

        public double last(Metric m) { return last(col(m)); }

        public double first(Metric m, IntegrationSpace space) { return first(col(m, space)); }

        public double last(Metric m, IntegrationSpace space) { return last(col(m, space)); }

        public double[] epochs() { return view.epochs(); }

        public int rows() { return view.rows(); }

        public List<SpectrumRow> spectrum(IntegrationSpace space) { return view.spectrum(space); }

        private static double first(double[] c) { return c.length == 0 ? Double.NaN : c[0]; }

        private static double last(double[] c) { return c.length == 0 ? Double.NaN : c[c.length - 1]; }
    }

    public static final List<String> ROLES = List.of("shallow", "deep2", "deep3");

    /** Reads a reproduction directory (runs that have no metrics yet are listed with null tables). */
    public static Evidence load(Path root) throws IOException {
        Path runsDir = root.resolve(ReproductionPlan.RUNS_DIR);
        if (!Files.isDirectory(runsDir)) {
            throw new IOException(root + " is not a reproduction directory (no " + ReproductionPlan.RUNS_DIR + "/); run `thermolearn reproduce` first");
        }
        String scale = "unknown";
        JsonNode plan = null;
        Path pj = root.resolve(ReproductionPlan.PLAN_JSON);
        if (Files.isRegularFile(pj)) {
            plan = ConfigLoader.json().readTree(pj.toFile());
            scale = plan.path("scale").asText("unknown");
        }
        List<Series> runs = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runsDir)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path d : dirs) {
            String name = d.getFileName().toString();
            String role = name.replaceAll("-s\\d+$", "");
            if (!ROLES.contains(role)) continue;
            long seed = Long.parseLong(name.replaceAll("^.*-s", ""));
            String arch = "";
            if (plan != null) {
                for (JsonNode r : plan.path("runs")) if (r.path("name").asText().equals(name)) arch = r.path("architecture").asText();
            }
            runs.add(new Series(name, role, ROLES.indexOf(role) + 1, seed, arch, RunStatus.read(d), RunView.open(d)));
        }
        GaussianCheck.Result mc = null;
        Path mj = root.resolve(ReproduceRunner.MCMC_DIR).resolve(ReproduceRunner.MCMC_JSON);
        if (Files.isRegularFile(mj)) mc = ConfigLoader.json().readValue(mj.toFile(), GaussianCheck.Result.class);
        return new Evidence(root, scale, runs, mc);
    }

    /** The runs of one role with metrics, in seed order. */
    public List<Series> role(String role) {
        return runs.stream().filter(r -> r.role().equals(role) && r.rows() > 0).toList();
    }

    /** Runs with metrics. */
    public List<Series> withData() {
        return runs.stream().filter(r -> r.rows() > 0).toList();
    }

    /** The architecture of a role ("" when no run of it exists). */
    public String architecture(String role) {
        for (Series s : runs) if (s.role().equals(role) && !s.architecture().isEmpty()) return s.architecture();
        return "";
    }

    /** Mean and sample standard deviation over seeds. */
    public record Stat(double mean, double sd, int n, double min, double max) {
        public static Stat of(double[] v) {
            double[] f = Arrays.stream(v).filter(Double::isFinite).toArray();
            if (f.length == 0) return new Stat(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
            double m = Arrays.stream(f).average().orElse(Double.NaN);
            double s = 0;
            for (double x : f) s += (x - m) * (x - m);
            double sd = f.length > 1 ? Math.sqrt(s / (f.length - 1)) : 0;
            return new Stat(m, sd, f.length, Arrays.stream(f).min().getAsDouble(), Arrays.stream(f).max().getAsDouble());
        }

        @Override
        public String toString() {
            if (n == 0) return "n/a";
            return fmt(mean) + " ± " + fmt(sd) + (n == 1 ? " (1 seed)" : "");
        }
    }

    /** A per-seed value of a role. */
    public Stat stat(String role, java.util.function.ToDoubleFunction<Series> f) {
        return Stat.of(role(role).stream().mapToDouble(f).toArray());
    }

    /** Compact number formatting for the report. */
    public static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) return String.format(Locale.ROOT, "%.3g", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
