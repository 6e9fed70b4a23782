package org.thermolearn.experiments.reproduce;

import org.thermolearn.experiments.run.RunListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code thermolearn reproduce}: the protocol of theory.md §6.2 (shallow vs deep on MNIST, three seeds each), the
 * Gaussian-approximation check, and the generated report docs/REPRODUCTION.md with its figures. Runs two runs
 * side by side (one thread each) on a 2-core machine, with resume (rerun the same command after an interruption); {@code --report-only DIR} regenerates the report from
 * existing run directories. Also a plain main class for the Maven exec route.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduce the talk's claims: train, check and write docs/REPRODUCTION.md with a verdict per claim.",
                "Shallow 784-100-10 vs deep 784-100-100-10 and 784-100-100-100-10, 3 seeds each, both integration spaces,",
                "an MCMC check of the Gaussian approximation, and a generated report (figures as PNG, SVG and PDF) with a verdict per claim.",
                "Interrupted? Run the same command again: finished runs are skipped, started ones resumed."},
        footer = {"", "Scales: mini (CI miniature, seconds), small (~15 min), default (≤ 60 min on 2 quiet cores), full (10 000 epochs; cluster).",
                "", "Examples:", "  thermolearn reproduce                                  # default scale into runs/reproduce-default, report into docs/",
                "  thermolearn reproduce --scale small --output runs/repro-small",
                "  thermolearn reproduce --report-only runs/reproduce-default",
                "  thermolearn reproduce --scale full --list            # one `thermolearn run` line per run, for a sweep executor / Slurm",
                "  thermolearn reproduce --scale full --only deep3-s2 --no-report"})
public final class ReproduceCommand implements Callable<Integer> {

    @Option(names = "--scale", description = "mini, small, default (default), full")
    String scale = "default";

    @Option(names = {"-o", "--output"}, description = "reproduction directory (runs/, configs/, mcmc/); default runs/reproduce-<scale>")
    Path output;

    @Option(names = "--docs", description = "where REPRODUCTION.md and its figures (reproduction/*.png, .svg, .pdf) are written (default: docs)")
    Path docs = Path.of("docs");

    @Option(names = "--report-only", paramLabel = "DIR", description = "only regenerate the report from an existing reproduction directory")
    Path reportOnly;

    @Option(names = "--data", description = "IDX data directory (default: MNIST from $THERMOLEARN_DATA or the user cache)")
    String data;

    @Option(names = "--only", description = "run only this planned run (e.g. deep3-s2) or 'mcmc' (the Gaussian check)")
    String only;

    @Option(names = "--no-report", description = "do not write the report after running")
    boolean noReport;

    @Option(names = "--list", description = "write the plan (plan.json, configs/*.yaml) and print one `thermolearn run` command per run; run nothing")
    boolean list;

    @Option(names = "--parallel", paramLabel = "N", description = "runs side by side in this JVM, each on cores/N threads "
            + "(default min(2, cores); 1 = one after another; the records are the same bits either way)")
    Integer parallel;

    @Option(names = "--set", description = "config key applied to every run: --set key=value (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    public ReproduceCommand() { }

    @Override
    public Integer call() throws Exception {
        RunListener out = RunListener.plain();
        if (reportOnly != null) {
            report(reportOnly, out);
            return 0;
        }
        Scale s;
        try {
            s = Scale.parse(scale);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        int par = parallel != null ? parallel : ReproduceRunner.defaultParallel();
        if (par < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--parallel is " + par + "; give 1 or more (default "
                + ReproduceRunner.defaultParallel() + ")");
        Path root = output != null ? output : Path.of("runs", "reproduce-" + s.label());
        ReproductionPlan plan = ReproductionPlan.of(s, data, set);
        plan.validate();
        if (list) {
            plan.write(root);
            for (ReproductionPlan.PlannedRun r : plan.runs()) {
                System.out.println("thermolearn run --config " + root.resolve(ReproductionPlan.CONFIGS_DIR).resolve(r.name() + ".yaml")
                        + " --output " + ReproductionPlan.runDir(root, r.name()));
            }
            System.out.println("thermolearn reproduce --scale " + s.label() + " --output " + root + " --only mcmc --no-report");
            System.out.println("thermolearn reproduce --report-only " + root + " --docs " + docs);
            return 0;
        }
        long t0 = System.nanoTime();
        out.info("reproduction at scale " + s.label() + " into " + root.toAbsolutePath() + " (rerun the same command to resume)");
        new ReproduceRunner(root, plan, out, par).runAll(only);
        out.info(String.format(Locale.ROOT, "runs and Gaussian check finished in %.1f min", (System.nanoTime() - t0) * 1e-9 / 60));
        if (!noReport) report(root, out);
        long unfinished = plan.runs().stream().filter(r -> {
            try {
                return !org.thermolearn.experiments.run.RunStatus.read(ReproductionPlan.runDir(root, r.name())).equals("done");
            } catch (java.io.IOException ex) {
                return true;
            }
        }).count();
        if (only == null && unfinished > 0) {
            out.info(unfinished + " run(s) did not finish; rerun the same command to resume them");
            return 1;
        }
        return 0;
    }

    private void report(Path root, RunListener out) throws Exception {
        if (!Files.isDirectory(root)) throw new CommandLine.ParameterException(new CommandLine(this), "reproduction directory " + root + " does not exist");
        Evidence e = Evidence.load(root);
        ReportWriter.Report r = ReportWriter.write(e, docs);
        out.info("report: " + r.file().toAbsolutePath());
        for (var en : r.verdicts().entrySet()) System.out.println(String.format(Locale.ROOT, "%-4s %-20s %s", en.getKey().id(), en.getValue().kind().label(), en.getValue().reason()));
    }

    /** The Maven exec route: {@code mvn -pl experiments exec:java -Dexec.mainClass=org.thermolearn.experiments.reproduce.ReproduceCommand -Dexec.args="--scale small"}. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        String[] all = new String[args.length + 1];
        all[0] = "reproduce";
        System.arraycopy(args, 0, all, 1, args.length);
        System.exit(org.thermolearn.experiments.cli.ThermoLearnCli.commandLine().execute(all));
    }
}
