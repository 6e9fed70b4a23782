package org.thermolearn.experiments.scripts;

import org.thermolearn.core.data.DataSplits;
import org.thermolearn.core.data.MnistRepository;
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
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;

import java.util.Locale;

/**
 * Example research script: train a network on MNIST for a few epochs with plain SGD and print, per
 * epoch, the test accuracy and a text histogram of the non-trivial ln λ of Ĝ (S11) in both integration
 * spaces, with Σ ln λ (S20), C_>(1) (S21) and the skewness γ (S35).
 *
 * <pre>mvn -q -pl experiments exec:java -Dexec.mainClass=org.thermolearn.experiments.scripts.TrainAndPrintSpectrum -Dexec.args="784-100-10 2"</pre>
 */
public final class TrainAndPrintSpectrum {

    private TrainAndPrintSpectrum() { }

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "784-100-10";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Linalg la = Linalg.auto();
        DataSplits data = MnistRepository.locate(null).load();
        Samples train = samples(data.train()), test = samples(data.test());
        Network net = Initialization.normal(1.0).create(Architecture.parse(arch, Activation.TANH, Activation.TANH), 1);
        Trainer trainer = new Trainer(net, Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 32, 1, la);
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) trainer.trainEpoch(train);
            Network snap = trainer.snapshot();
            System.out.printf(Locale.ROOT, "%nepoch %d: test accuracy %.4f%n", e, Evaluation.of(snap, test, Loss.SQUARED_ERROR, la).accuracy());
            for (SpaceAnalysis s : ThermoAnalysis.analyse(snap, AnalysisOptions.defaults(), la).spaces()) {
                System.out.printf(Locale.ROOT, "  %-7s N_G=%d  non-trivial=%d  Σ ln λ=%.2e  C>(1)=%.3f  γ=%+.3f%n", s.space().label(),
                        s.nG(), s.nNontrivial(), -2 * s.complexity().cLnDet(), s.complexity().cGt(), s.moments().skewnessNt());
                if (s.isStochastic()) System.out.println("  (stochastic route: no eigenvalue list; the estimated histogram is in spectra.arrow)");
                else printHistogram(s.spectrum().lnLambdaNontrivial());
            }
        }
    }

    private static Samples samples(org.thermolearn.core.data.Dataset d) {
        return new Samples(d.images(), d.oneHot(0, 1), d.labels(), d.count(), d.features(), d.classes());
    }

    private static void printHistogram(double[] y) {
        double lo = -4, hi = 4;
        int bins = 16;
        int[] c = new int[bins];
        for (double v : y) c[Math.min(bins - 1, Math.max(0, (int) ((v - lo) / (hi - lo) * bins)))]++;
        int max = 1;
        for (int k : c) max = Math.max(max, k);
        for (int b = 0; b < bins; b++) {
            System.out.printf(Locale.ROOT, "    [%+5.1f,%+5.1f) %4d %s%n", lo + b * (hi - lo) / bins, lo + (b + 1) * (hi - lo) / bins, c[b],
                    "#".repeat((int) Math.round(40.0 * c[b] / max)));
        }
    }
}
