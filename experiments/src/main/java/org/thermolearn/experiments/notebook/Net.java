package org.thermolearn.experiments.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Evaluation;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Optimizer;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.ThermoAnalysis;

/**
 * A network in a notebook: the generalised network (x, P̂_in, P̂_out, ŵ, b, f, H) of theory.md §1 with
 * its trainer. Made by {@link ThermoLearn#net(String)}:
 * <pre>{@code
 * Net net = ThermoLearn.net("784-100-10").seed(1).learningRate(0.1).build();
 * Analysis before = net.analyse();
 * net.train(data, 3);                       // prints one line per epoch
 * System.out.println(net.accuracy(data));   // test accuracy
 * Analysis after = net.analyse(2.0);        // thermodynamics at β = 2
 * }</pre>
 * Training is plain mini-batch SGD on the boundary loss (S3) with the run defaults (tanh, ½Σ squared
 * error, {0,1} targets, batch 32, N(0, σ²/n_in) initialisation), the same code the recorded runs use.
 */
public final class Net {

    /** One finished epoch: its number, mean training loss per sample (S3), test accuracy and seconds. */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epoch %3d  train loss %.5f  test accuracy %.4f  (%.1f s)", epoch, trainLoss, testAccuracy, seconds);
        }
    }

    private final String architecture;
    private final Loss loss;
    private final Trainer trainer;
    private final Linalg la;
    private final List<Epoch> history = new ArrayList<>();
    private int epochs;
    private boolean quiet;

    private Net(String architecture, Network initial, Optimizer opt, Loss loss, int batchSize, long seed, Linalg la) {
        this.architecture = architecture;
        this.loss = loss;
        this.la = la;
        this.trainer = new Trainer(initial, opt, loss, batchSize, seed, la);
    }

    /** Wraps an existing network (for example a checkpoint) for analysis and further training with the defaults. */
    public static Net of(Network network) {
        return new Net(network.layout().toString(), network, Optimizer.sgd(0.1), Loss.parse("squared_error"), 32, 1, ThermoLearn.linalg());
    }

    /** Fluent settings of a new network; {@link #build()} draws the initial weights. */
    public static final class Builder {
        private final String architecture;
        private String hidden = "tanh", output = "tanh", loss = "squared_error", init = "normal";
        private double initScale = 1.0, learningRate = 0.1, momentum = 0, l2 = 0;
        private int batchSize = 32;
        private long seed = 1;

        Builder(String architecture) { this.architecture = architecture; }

        /** Hidden activation: tanh (default) or sigmoid. */
        public Builder hidden(String activation) { this.hidden = activation; return this; }

        /** Output activation: tanh (default), sigmoid. */
        public Builder output(String activation) { this.output = activation; return this; }

        /** Loss: squared_error (default, the paper's ½Σ, S3), binary_cross_entropy, softmax_cross_entropy. */
        public Builder loss(String loss) { this.loss = loss; return this; }

        /** Initialisation: normal (default, N(0, σ²/n_in)), xavier or he, with scale σ. */
        public Builder init(String kind, double scale) { this.init = kind; this.initScale = scale; return this; }

        /** Weight scale σ of the default normal initialisation. */
        public Builder initScale(double scale) { this.initScale = scale; return this; }

        /** SGD learning rate (default 0.1). */
        public Builder learningRate(double lr) { this.learningRate = lr; return this; }

        /** Momentum (default 0: plain SGD). */
        public Builder momentum(double mu) { this.momentum = mu; return this; }

        /** L2 weight decay (default 0). */
        public Builder l2(double lambda) { this.l2 = lambda; return this; }

        /** Mini-batch size (default 32). */
        public Builder batchSize(int b) { this.batchSize = b; return this; }

        /** Seed of the initial weights and of the mini-batch order (default 1). */
        public Builder seed(long seed) { this.seed = seed; return this; }

        /** Draws the initial network. */
        public Net build() {
            Architecture a = Architecture.parse(architecture, Activation.parse(hidden), Activation.parse(output));
            Network n = new Initialization(Initialization.parseKind(init), initScale).create(a, seed);
            Optimizer o = Optimizer.sgd(learningRate).withMomentum(momentum).withL2(l2);
            return new Net(architecture, n, o, Loss.parse(loss), batchSize, seed, ThermoLearn.linalg());
        }
    }

    /**
     * Trains {@code epochs} full passes over {@code data.train()}, printing one line per epoch (training
     * loss and test accuracy) unless {@link #quiet()}; returns this net.
     */
    public Net train(Data data, int epochs) {
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            double l = trainer.trainEpoch(data.train());
            double s = (System.nanoTime() - t0) * 1e-9;
            this.epochs++;
            Epoch ep = new Epoch(this.epochs, l, accuracy(data), s);
            history.add(ep);
            if (!quiet) {
                System.out.println(ep);
                System.out.flush();
            }
            if (!Double.isFinite(l)) throw new IllegalStateException("training diverged at epoch " + this.epochs + "; use a smaller learning rate");
        }
        return this;
    }

    /** Stops the per-epoch lines of {@link #train}. */
    public Net quiet() {
        this.quiet = true;
        return this;
    }

    /** Test accuracy (arg-max of the outputs against the label) on {@code data.test()}. */
    public double accuracy(Data data) { return evaluate(data.test()).accuracy(); }

    /** Accuracy and mean loss on any samples. */
    public Evaluation evaluate(Samples samples) { return Evaluation.of(trainer.snapshot(), samples, loss, la); }

    /** The epochs trained so far. */
    public List<Epoch> history() { return List.copyOf(history); }

    /** Number of epochs trained by this object. */
    public int epochs() { return epochs; }

    /** A snapshot of the current network (a copy). */
    public Network network() { return trainer.snapshot(); }

    /** The architecture string, e.g. "784-100-10". */
    public String architecture() { return architecture; }

    /** Thermodynamics of the current network with the theory.md §9 defaults (both spaces, β = 1, m = 0). */
    public Analysis analyse() { return analyse(AnalysisOptions.defaults()); }

    /** Thermodynamics at inverse temperature β (both spaces, m = 0). */
    public Analysis analyse(double beta) { return analyse(AnalysisOptions.defaults().withBeta(beta)); }

    /**
     * Thermodynamics at β with a mass term m in Ĝ = AᵀA + mÎ (S11, §9 A3); m &gt; 0 makes Σ ln λ &gt; 0 (P2)
     * and breaks the exact block identities, which hold for the kinetic part only.
     */
    public Analysis analyse(double beta, double mass) { return analyse(AnalysisOptions.defaults().withBeta(beta).withMass(mass)); }

    /** Thermodynamics with any options of the thermo package. */
    public Analysis analyse(AnalysisOptions options) {
        Network n = trainer.snapshot();
        return new Analysis(n, ThermoAnalysis.analyse(n, options, la), la);
    }

    /** The non-trivial ln λ of Ĝ (S11) in the given space, ascending (§3.6). */
    public double[] spectrum(Space space) {
        return analyse(AnalysisOptions.defaults().withSpaces(space.toIntegrationSpace())).in(space).lnLambda();
    }

    @Override
    public String toString() {
        return "Net[" + architecture + ", " + epochs + " epoch(s) trained]";
    }
}
