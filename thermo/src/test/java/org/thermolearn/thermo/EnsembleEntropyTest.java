package org.thermolearn.thermo;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.GroundState;
import org.thermolearn.thermo.ensemble.Thermometer;
import org.thermolearn.thermo.entropy.BoxFreeEnergy;
import org.thermolearn.thermo.entropy.EntropyProduction;
import org.thermolearn.thermo.entropy.LearningDirection;
import org.thermolearn.thermo.entropy.MassFreeEnergy;
import org.thermolearn.thermo.entropy.SingleModeFreeEnergy;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.Histogram;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.spectrum.SpectrumSolver;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** P11 (Gaussian ensemble vs sampling), E₀, thermometer, entropy production, histogram, the analysis entry point. */
class EnsembleEntropyTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;

    @Test
    void p11GaussianEnsembleMatchesSampling() {
        Network net = Nets.random(21, 1.5, 0.8, new int[]{3, 3, 2});
        double m = 0.2, beta = 2.0;
        GOperator op = GOperator.of(net, IntegrationSpace.ALL, null, m);
        int n = op.nG();
        // A, G, c and ln det G built here from the weights and biases alone (not from GOperator or Spectrum),
        // so that the sampled U and S below test the code rather than its own ln det G.
        double[][] w = net.weights().toDense();
        double[] bias = net.bias();
        int nIn = net.layout().nIn();
        double[][] ad = new double[n][n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double t = Math.tanh(bias[i]);
            double fp = i < nIn ? 0 : 1 - t * t;
            if (i >= nIn) c[i] = t;
            for (int j = 0; j < n; j++) ad[i][j] = (i == j ? 1 : 0) - fp * w[i][j];
        }
        RealMatrix a = new Array2DRowRealMatrix(ad);
        RealMatrix g = a.transpose().multiply(a).add(MatrixUtils.createRealIdentityMatrix(n).scalarMultiply(m));
        double lnDetG = Math.log(new LUDecomposition(g).getDeterminant());
        assertArrayEquals(c, op.activationAtBias(), 1e-15);
        RealMatrix cv = new Array2DRowRealMatrix(c);
        double[] xs = new LUDecomposition(g).getSolver().solve(a.transpose().multiply(cv)).getColumn(0);
        RealMatrix r = a.multiply(new Array2DRowRealMatrix(xs)).subtract(cv);
        double e0Dense = 0.5 * dot(r.getColumn(0), r.getColumn(0)) + 0.5 * m * dot(xs, xs);
        double e0 = GroundState.e0(op);
        assertEquals(e0Dense, e0, 1e-10);
        Spectrum s = new SpectrumSolver(LA).spectrum(op);
        assertEquals(lnDetG, s.lnDetG(), 1e-10, "ln det G against an LU determinant of the G built here");
        GaussianEnsemble ens = GaussianEnsemble.of(s, e0, beta);
        assertEquals(n / (2 * beta) + e0, ens.u(), 1e-12);
        // U = -d lnZ / d beta by central differences
        double h = 1e-5;
        double du = -(GaussianEnsemble.of(s, e0, beta + h).lnZ() - GaussianEnsemble.of(s, e0, beta - h).lnZ()) / (2 * h);
        assertEquals(ens.u(), du, 1e-7);
        // Monte-Carlo: x ~ N(x*, (beta G)^-1); <H2> = U and -<ln p> = S
        RealMatrix cov = new LUDecomposition(g.scalarMultiply(beta)).getSolver().getInverse();
        RealMatrix lchol = new CholeskyDecomposition(cov, 1e-12, 1e-14).getL();
        SplittableRandom rng = new SplittableRandom(42);
        int samples = 200_000;
        double sumH = 0, sumH2 = 0, sumLnP = 0;
        double lnNorm = 0.5 * n * Math.log(2 * Math.PI) - 0.5 * (n * Math.log(beta) + lnDetG);
        double[] z = new double[n];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < n; i++) z[i] = Nets.gauss(rng);
            double[] x = lchol.operate(z);
            double q = dot(z, z);
            for (int i = 0; i < n; i++) x[i] += xs[i];
            double[] res = a.operate(x);
            double hh = 0;
            for (int i = 0; i < n; i++) hh += 0.5 * (res[i] - c[i]) * (res[i] - c[i]) + 0.5 * m * x[i] * x[i];
            sumH += hh;
            sumH2 += hh * hh;
            sumLnP += -0.5 * q - lnNorm;
        }
        double meanH = sumH / samples;
        double sdH = Math.sqrt(sumH2 / samples - meanH * meanH);
        assertEquals(ens.u(), meanH, 4 * sdH / Math.sqrt(samples));
        assertEquals(ens.s(), -sumLnP / samples, 0.02);
        assertEquals(ens.s(), beta * ens.u() + ens.lnZ(), 1e-12);
        assertEquals(-ens.lnZ() / beta, ens.f(), 1e-12);
        assertEquals(n / 2.0 * Math.log(2 * Math.PI * Math.E / beta), ens.s0(), 1e-12);
        // Var H = N_G / (2 beta^2) for the Gaussian ensemble (basis of (S24))
        assertEquals(n / (2 * beta * beta), sdH * sdH, 0.03 * n / (2 * beta * beta));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void zOverflowKeepsLnZ() {
        GaussianEnsemble e = GaussianEnsemble.of(5000, 0, 0, 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, e.z());
        assertTrue(Double.isFinite(e.lnZ()));
    }

    @Test
    void thermometer() {
        Thermometer t = Thermometer.fromMean(5.0, 100);
        assertEquals(0.1, t.temperature(), 1e-15);
        assertEquals(10.0, t.beta(), 1e-12);
        Thermometer f = Thermometer.fromSamples(new double[]{1, 2, 3, 4}, 8);
        assertEquals(2.5, f.meanLoss(), 1e-15);
        double var = 5.0 / 3.0;
        assertEquals(Math.sqrt(8 / (2 * var)), f.betaFluctuation(), 1e-12);
        assertEquals(var / 6.25, f.varianceRatio(), 1e-12);
        assertEquals(0.25, f.varianceRatioGaussian(), 0);
        assertThrows(IllegalArgumentException.class, () -> Thermometer.fromSamples(new double[]{1}, 8));
    }

    @Test
    void phiSecondDerivativeAnalyticVsFiniteDifference() {
        SingleModeFreeEnergy[] phis = {BoxFreeEnergy.standard(), new BoxFreeEnergy(0.5), new MassFreeEnergy(0.1)};
        for (SingleModeFreeEnergy p : phis) {
            for (double beta : new double[]{0.1, 1, 10}) {
                for (double y = -12; y <= 6; y += 0.75) {
                    double fd = p.secondDerivativeFd(y, beta, 1e-3);
                    assertEquals(fd, p.phiSecond(y, beta), 1e-5 * Math.max(1, Math.abs(fd)) + 1e-7, p.name() + " beta " + beta + " y " + y);
                }
            }
        }
    }

    @Test
    void twoPartDeltaFMatchesAppendix() {
        SingleModeFreeEnergy box = BoxFreeEnergy.standard();
        // theory.md Appendix A: beta dF at y = -12, +6 (eps = 0.05, per moving mode, N_nt = 1)
        assertEquals(0.013, 0.1 * EntropyProduction.twoPartDeltaF(-12, 0.1, 1, 0.05, box), 5e-4);
        assertEquals(0.076, 0.1 * EntropyProduction.twoPartDeltaF(6, 0.1, 1, 0.05, box), 5e-4);
        assertEquals(0.25, 10 * EntropyProduction.twoPartDeltaF(-12, 10, 1, 0.05, box), 5e-3);
        assertTrue(10 * EntropyProduction.twoPartDeltaF(6, 10, 1, 0.05, box) <= 0.005 + 1e-4);
        assertEquals(0.0, EntropyProduction.twoPartDeltaF(0, 3, 50, 0.05, box), 1e-13);
    }

    @Test
    void laplaciansAndEntropyRate() {
        Network net = Nets.random(22, 2.0, 0.5, new int[]{8, 6, 5, 3});
        Spectrum s = new SpectrumSolver(LA).spectrum(GOperator.of(net));
        double expected = -(s.nTrivial() + java.util.Arrays.stream(s.lambdaNontrivial()).map(l -> 1 / (l * l)).sum()) / 2;
        assertEquals(expected, EntropyProduction.laplacianLambda(s, 1.0), 1e-12 * Math.abs(expected));
        // massless phi_m has phi'' = 0 (Gaussian free energy flat in ln lambda)
        assertEquals(0.0, EntropyProduction.laplacianLnLambda(s, 1.0, new MassFreeEnergy(0)), 1e-15);
        double lap = EntropyProduction.laplacianLnLambda(s, 2.0, BoxFreeEnergy.standard());
        assertEquals(-lap * 0.5, EntropyProduction.entropyRate(lap, 0.5, LearningDirection.DESCENT), 1e-15);
        assertEquals(lap * 0.5, EntropyProduction.entropyRate(lap, 0.5, LearningDirection.ASCENT), 1e-15);
    }

    @Test
    void histogramFixedRange() {
        Histogram h = Histogram.of(new double[]{-3, -1.5, -0.1, 0.2, 0.9, 2.0, 5}, -2, 2, 4);
        assertArrayEquals(new long[]{1, 1, 2, 0}, h.counts());
        assertEquals(1, h.underflow());
        assertEquals(2, h.overflow());
        assertEquals(-1.0, h.edge(1), 0);
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 1, 1, 3));
    }

    @Test
    void analysisEntryPointColumns() {
        Network net = Nets.fromReference(Nets.reference().get(1));
        ThermoAnalysisResult r = ThermoAnalysis.analyse(net, AnalysisOptions.defaults().withBeta(0.5), LA);
        Map<String, Double> c = Metric.snapshotValues(r.spaces());
        for (String k : new String[]{"c_gt_1_all", "skewness_nt_all", "mu2_nt_all", "sum_ln_lambda_all", "s33_eigen_all", "s33_blocks_all",
                "n_nontrivial_all", "n_trivial_all", "gauss_ln_z_all", "gauss_s0_all", "s_total_gauss_all", "laplacian_f_lambda_all", "c_gt_1_clamped",
                "effective_rank_clamped", "c_m_clamped", "kappa2_clamped", "analysis_seconds_all"}) {
            assertTrue(c.containsKey(k), k);
        }
        assertEquals(Metric.values().length - Metric.of(Metric.Scope.RUN).size(), c.size() / 2, "every per-space metric, once per space");
        assertEquals(20.0, c.get("n_nontrivial_all"));
        assertEquals(27.84126671666219, c.get("gauss_ln_z_all"), 1e-10);
        assertEquals(-5.2666679915399754, c.get("c_gt_1_all"), 1e-10);
        assertEquals(c.get("gauss_s0_all") + c.get("c_gt_1_all"), c.get("s_total_gauss_all"), 1e-12);
        assertEquals(c.get("s33_eigen_all"), c.get("s33_blocks_all"), 1e-9);
        assertEquals(-0.36233311274313057, c.get("skewness_nt_clamped"), 1e-10);
        assertTrue(c.get("max_check_residual_all") < 1e-12);
        assertTrue(Double.isNaN(c.get("temperature_all")), "no thermometer without a bulk loss");
        // with mass: E0 > 0 and U = N_G/(2 beta) + E0
        ThermoAnalysisResult rm = ThermoAnalysis.analyse(net, AnalysisOptions.defaults().withMass(0.1), LA);
        SpaceAnalysis a = rm.get(IntegrationSpace.ALL);
        assertTrue(a.ensemble().e0() > 0);
        assertEquals(22 / 2.0 + a.ensemble().e0(), a.ensemble().u(), 1e-12);
        assertEquals(-0.5 * 3.754348536060217, a.complexity().cLnDet(), 1e-10);
    }
}
