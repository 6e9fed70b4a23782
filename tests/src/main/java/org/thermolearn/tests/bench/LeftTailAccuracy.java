package org.thermolearn.tests.bench;

import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Optimizer;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.Spectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Question 4: accuracy of the left tail (smallest eigenvalues) of Ĝ = AᵀA, A = I − F′ŵ, on a network whose
 * spectrum spans more than 8 decades.
 *
 * <p><b>Network.</b> A tanh net (default 784-100-100-10) trained with plain SGD at a large learning rate on
 * MNIST; if λ_min/λ_max of Ĝ is still above the target span (1e-8) its weights are multiplied by 1.25 until it
 * is not (the factor is printed).
 *
 * <p><b>Reference.</b> A^{-1} = Σ_{k&lt;L} M^k (M = F′ŵ nilpotent, so the series is finite and exact) accumulated
 * block by block in double-double arithmetic (≈ 32 digits), rounded once to double and handed as a dense
 * N_G × N_G matrix to a dense SVD; the 5 smallest λ of Ĝ are 1/σ_i(A^{-1})² for the 5 largest σ_i. Large
 * singular values are perturbed by at most ‖δ‖₂ (Weyl), so their relative error is ≈ ε·σ_1/σ_i: the
 * reference is accurate to ~1e-15 relative (cross-checked between the native and the EJML SVD).
 *
 * <p><b>Compared.</b> ThermoAnalysis with the default options, and with the compressed route with and without
 * the Neumann left tail (SVD and Gram kernels), the library's dense route, and the hand-formed dense
 * baseline of the benchmark (Ĝ formed, symmetric eigensolver).
 *
 * <p>Usage: {@code tests/bench.sh tail [arch [epochs [lr [samples [targetSpan]]]]]}.
 */
public final class LeftTailAccuracy {

    private static final int K = 5;

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "784-100-100-10";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double lr = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 20000;
        double target = args.length > 4 ? Double.parseDouble(args[4]) : 1e-8;
        String data = System.getProperty("bench.data", "mnist");

        Linalg nat = Linalg.select("auto");
        Linalg ejml = EjmlLinalg.INSTANCE;
        Samples train = BenchNets.samples(data, samples, false, 1);
        Trainer tr = new Trainer(Initialization.normal(1).create(BenchNets.arch(arch), 1), Optimizer.sgd(lr), Loss.SQUARED_ERROR, 64, 1, nat);
        long t0 = System.nanoTime();
        double loss = Double.NaN;
        for (int e = 0; e < epochs; e++) loss = tr.trainEpoch(train);
        Network net = tr.snapshot();
        System.out.printf(Locale.ROOT, "%s trained %d epochs, lr %.3g, %d %s samples, batch 64: train loss %.5f (%.1f s)%n",
                arch, epochs, lr, samples, data, loss, (System.nanoTime() - t0) * 1e-9);

        double factor = 1;
        AnalysisOptions never = AnalysisOptions.defaults().withRoute(Route.COMPRESSED, LeftTail.ALWAYS, Method.SVD);
        for (int guard = 0; ; guard++) {
            Network scaled = BenchNets.scaleWeights(net, factor);
            double span = span(ThermoAnalysis.analyse(scaled, never, nat).get(IntegrationSpace.ALL).spectrum());
            System.out.printf(Locale.ROOT, "weights x %.4g: lambda_min/lambda_max (all-N space) = %.3e%n", factor, span);
            if (span <= target || guard > 40) { net = scaled; break; }
            factor *= 1.25;
        }

        for (IntegrationSpace sp : IntegrationSpace.values()) {
            int first = sp == IntegrationSpace.ALL ? 0 : net.layout().nIn();
            double[] inv = inverseDoubleDouble(net, first);
            int n = net.layout().n() - first;
            double[] sNat = nat.singularValues(n, n, inv);
            double[] sEjml = ejml.singularValues(n, n, inv);
            double[] ref = new double[K];
            double agree = 0;
            for (int i = 0; i < K; i++) {
                ref[i] = 1 / (sNat[i] * sNat[i]);
                agree = Math.max(agree, Math.abs(1 / (sEjml[i] * sEjml[i]) / ref[i] - 1));
            }
            double lmax = refMax(net, first, nat);
            System.out.printf(Locale.ROOT, "%n== %s space, N_G = %d: lambda_max = %.4e, reference 5 smallest lambda = %s%n"
                            + "   (span lambda_min/lambda_max = %.2e; sigma_5/sigma_1 of A^-1 = %.3f; native vs EJML SVD of the reference: max rel diff %.1e)%n",
                    sp.label(), n, lmax, fmt(ref), ref[0] / lmax, sNat[K - 1] / sNat[0], agree);
            System.out.printf(Locale.ROOT, "   %-44s %-8s %s%n", "route", "backend", "relative error of lambda_1 .. lambda_5 (ascending)   max");
            for (Linalg la : new Linalg[]{nat, ejml}) {
                List<Object[]> rows = new ArrayList<>();
                rows.add(new Object[]{"defaults() [" + AnalysisOptions.defaults().leftTail() + " tail]", AnalysisOptions.defaults()});
                for (Method m : new Method[]{Method.SVD, Method.GRAM}) {
                    rows.add(new Object[]{"compressed, Neumann tail (ALWAYS), " + m, AnalysisOptions.defaults().withRoute(Route.COMPRESSED, LeftTail.ALWAYS, m)});
                    rows.add(new Object[]{"compressed, no Neumann tail (NEVER), " + m, AnalysisOptions.defaults().withRoute(Route.COMPRESSED, LeftTail.NEVER, m)});
                }
                rows.add(new Object[]{"library dense route (Route.DENSE)", AnalysisOptions.defaults().withRoute(Route.DENSE, LeftTail.NEVER, Method.AUTO)});
                for (Object[] row : rows) {
                    AnalysisOptions o = ((AnalysisOptions) row[1]).withSpaces(sp);
                    double[] k = ThermoAnalysis.analyse(net, o, la).get(sp).spectrum().kineticNontrivial();
                    print((String) row[0], la, k, ref);
                }
                double[] dense = BenchNets.denseSpectrum(net, first, la);
                print("hand-formed dense G + symmetric eigensolver", la, dense, ref);
            }
        }
    }

    private static double span(Spectrum s) {
        double[] k = s.kineticNontrivial();
        return k.length == 0 ? 1 : Math.min(1, k[0]) / Math.max(1, k[k.length - 1]);
    }

    private static double refMax(Network net, int first, Linalg la) {
        double[] e = BenchNets.denseSpectrum(net, first, la);
        return e[e.length - 1];
    }

    private static void print(String name, Linalg la, double[] ascending, double[] ref) {
        StringBuilder b = new StringBuilder();
        double max = 0;
        for (int i = 0; i < K; i++) {
            double r = Math.abs(ascending[i] / ref[i] - 1);
            max = Math.max(max, r);
            b.append(String.format(Locale.ROOT, "%9.1e", r));
        }
        System.out.printf(Locale.ROOT, "   %-44s %-8s %s   %9.1e%n", name, la.isNative() ? "native" : "java", b, max);
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6e", v[i]));
        return b.append(']').toString();
    }

    /**
     * A^{-1} = Σ_k M^k (M = F′ŵ restricted to neurons ≥ first) as a dense row-major N_G × N_G array, the
     * powers accumulated block by block (group blocks of the layout) in double-double arithmetic.
     */
    static double[] inverseDoubleDouble(Network net, int first) {
        NeuronLayout l = net.layout();
        int gc = l.groupCount();
        int g0 = first == 0 ? 0 : 1;
        double[] fp = net.fPrimeAtBias();
        // M blocks in double (exact products f'·w rounded once: part of the definition of the operator)
        double[][][] m = new double[gc][gc][];
        for (Block b : net.weights().blocks()) {
            if (b.from() < g0) continue;
            int ro = l.offset(b.to());
            double[] mb = new double[b.rows() * b.cols()];
            for (int i = 0; i < b.rows(); i++) for (int j = 0; j < b.cols(); j++) mb[i * b.cols() + j] = fp[ro + i] * b.w()[i * b.cols() + j];
            m[b.to()][b.from()] = mb;
        }
        int n = l.n() - first;
        double[] sumHi = new double[n * n], sumLo = new double[n * n];
        for (int i = 0; i < n; i++) sumHi[i * n + i] = 1;
        // P = M^k in double-double, [to][from] -> {hi, lo}
        double[][][][] p = new double[gc][gc][][];
        for (int t = 0; t < gc; t++) for (int f = 0; f < gc; f++) if (m[t][f] != null) p[t][f] = new double[][]{m[t][f].clone(), new double[m[t][f].length]};
        for (int k = 1; k <= gc; k++) {
            boolean any = false;
            for (int t = g0; t < gc; t++) {
                for (int f = g0; f < gc; f++) {
                    double[][] b = p[t][f];
                    if (b == null) continue;
                    any = true;
                    int st = l.size(t), sf = l.size(f), rt = l.offset(t) - first, cf = l.offset(f) - first;
                    for (int i = 0; i < st; i++) {
                        for (int j = 0; j < sf; j++) {
                            int d = (rt + i) * n + cf + j, s = i * sf + j;
                            double[] r = ddAdd(sumHi[d], sumLo[d], b[0][s], b[1][s]);
                            sumHi[d] = r[0];
                            sumLo[d] = r[1];
                        }
                    }
                }
            }
            if (!any) break;
            // p <- M · p
            double[][][][] q = new double[gc][gc][][];
            for (int t = g0; t < gc; t++) {
                for (int f = g0; f < gc; f++) {
                    double[][] acc = null;
                    for (int h = g0; h < gc; h++) {
                        if (m[t][h] == null || p[h][f] == null) continue;
                        int st = l.size(t), sh = l.size(h), sf = l.size(f);
                        if (acc == null) acc = new double[][]{new double[st * sf], new double[st * sf]};
                        ddGemmAcc(st, sf, sh, m[t][h], p[h][f][0], p[h][f][1], acc[0], acc[1]);
                    }
                    q[t][f] = acc;
                }
            }
            p = q;
        }
        double[] out = new double[n * n];
        for (int i = 0; i < out.length; i++) out[i] = sumHi[i] + sumLo[i];
        return out;
    }

    /** C += A·B with A (m×k) in double and B, C (k×n, m×n) in double-double, error-free products and sums. */
    private static void ddGemmAcc(int mm, int nn, int kk, double[] a, double[] bHi, double[] bLo, double[] cHi, double[] cLo) {
        for (int i = 0; i < mm; i++) {
            for (int h = 0; h < kk; h++) {
                double x = a[i * kk + h];
                if (x == 0) continue;
                int bo = h * nn, co = i * nn;
                for (int j = 0; j < nn; j++) {
                    double ph = x * bHi[bo + j];
                    double pl = Math.fma(x, bHi[bo + j], -ph) + x * bLo[bo + j];
                    // two-sum (hi) + low parts
                    double s = cHi[co + j] + ph;
                    double bb = s - cHi[co + j];
                    double e = (cHi[co + j] - (s - bb)) + (ph - bb);
                    e += cLo[co + j] + pl;
                    double hi = s + e;
                    cLo[co + j] = e - (hi - s);
                    cHi[co + j] = hi;
                }
            }
        }
    }

    private static double[] ddAdd(double ah, double al, double bh, double bl) {
        double s = ah + bh;
        double bb = s - ah;
        double e = (ah - (s - bb)) + (bh - bb) + al + bl;
        double hi = s + e;
        return new double[]{hi, e - (hi - s)};
    }
}
