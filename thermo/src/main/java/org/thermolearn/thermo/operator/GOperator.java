package org.thermolearn.thermo.operator;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operator Ĝ = (Î − F′ŵ)ᵀ(Î − F′ŵ) + mÎ of (S11) for one network snapshot, in one integration
 * space (§9 A1), with F′ taken at the bias or supplied from data (A2) and a mass m ≥ 0 (A3).
 *
 * <p>Ĝ itself is never formed unless {@link #denseG()} is asked for (small N only). The operator
 * keeps M = F′ŵ as a {@link BlockMatrix} over the neuron groups; its powers (F′ŵ)^k (§8 items 6, 9)
 * are computed once on demand and shared between the two spaces of the same snapshot
 * ({@link #inSpace(IntegrationSpace)}).
 */
public final class GOperator {

    /** Largest N_G for which dense N_G × N_G arrays (Â, Ĝ) are built. */
    public static final int DENSE_LIMIT = 4096;

    private final NeuronLayout layout;
    private final IntegrationSpace space;
    private final FPrimePoint fPrimePoint;
    private final double[] fPrime;
    private final double[] activationAtBias;
    private final double mass;
    private final BlockMatrix m;
    private final PowerCache powers;

    private GOperator(NeuronLayout layout, IntegrationSpace space, FPrimePoint point, double[] fPrime,
                      double[] activationAtBias, double mass, BlockMatrix m, PowerCache powers) {
        this.layout = layout;
        this.space = space;
        this.fPrimePoint = point;
        this.fPrime = fPrime;
        this.activationAtBias = activationAtBias;
        this.mass = mass;
        this.m = m;
        this.powers = powers;
    }

    /** Ĝ in the default setting: all-N space, f′ at the bias, m = 0. */
    public static GOperator of(Network net) {
        return of(net, IntegrationSpace.ALL, null, 0.0);
    }

    /**
     * Ĝ for a network.
     *
     * @param net        the snapshot; NaN or infinite weights or biases are rejected
     * @param space      integration space (A1)
     * @param dataFPrime null for f′ at the bias (A2 default); otherwise length-N per-neuron f′ values
     *                   averaged over data fixed points (entries on input neurons are ignored)
     * @param mass       m ≥ 0 (A3)
     */
    public static GOperator of(Network net, IntegrationSpace space, double[] dataFPrime, double mass) {
        if (net == null) throw new IllegalArgumentException("network is null");
        if (space == null) throw new IllegalArgumentException("integration space is null; choose ALL or CLAMPED");
        NeuronLayout layout = net.layout();
        int n = layout.n();
        for (Block b : net.weights().blocks()) {
            double[] w = b.w();
            for (int k = 0; k < w.length; k++) {
                if (!Double.isFinite(w[k])) {
                    throw new IllegalArgumentException("weight block " + b.from() + "->" + b.to() + " entry (" + (k / b.cols()) + ","
                            + (k % b.cols()) + ") is " + w[k] + "; Ĝ (S11) needs finite weights (did training diverge? lower the learning rate)");
                }
            }
        }
        double[] bias = net.bias();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(bias[i])) {
                throw new IllegalArgumentException("bias of neuron " + i + " is " + bias[i] + "; Ĝ (S11) needs finite biases");
            }
        }
        if (!Double.isFinite(mass) || mass < 0) {
            throw new IllegalArgumentException("mass m = " + mass + "; the mass term of (S11) needs a finite m >= 0");
        }
        double[] fp;
        FPrimePoint point;
        if (dataFPrime == null) {
            fp = net.fPrimeAtBias();
            point = FPrimePoint.BIAS;
        } else {
            if (dataFPrime.length != n) {
                throw new IllegalArgumentException("data f' has length " + dataFPrime.length + " but the network has N = " + n
                        + " neurons; give one averaged f' value per neuron (inputs ignored)");
            }
            fp = dataFPrime.clone();
            for (int i = layout.nIn(); i < n; i++) {
                if (!Double.isFinite(fp[i])) throw new IllegalArgumentException("data f' of neuron " + i + " is " + fp[i] + "; must be finite");
            }
            point = FPrimePoint.DATA;
        }
        for (int i = 0; i < layout.nIn(); i++) fp[i] = 0;
        double[] c = new double[n];
        for (int g = 1; g < layout.groupCount(); g++) {
            var act = net.activation(g);
            for (int i = layout.offset(g); i < layout.offset(g + 1); i++) c[i] = act.f(bias[i]);
        }
        int gc = layout.groupCount();
        int[] sizes = layout.sizes();
        double[][][] blocks = new double[gc][gc][];
        for (Block b : net.weights().blocks()) {
            boolean nonZero = false;
            for (double v : b.w()) if (v != 0) { nonZero = true; break; }
            if (!nonZero) continue;
            int ro = layout.offset(b.to());
            double[] mb = new double[b.rows() * b.cols()];
            double[] w = b.w();
            for (int i = 0; i < b.rows(); i++) {
                double d = fp[ro + i];
                int base = i * b.cols();
                for (int j = 0; j < b.cols(); j++) mb[base + j] = d * w[base + j];
            }
            blocks[b.to()][b.from()] = mb;
        }
        return new GOperator(layout, space, point, fp, c, mass, new BlockMatrix(sizes, blocks), new PowerCache());
    }

    /** The same snapshot, f′ and mass in another integration space; shares the cached powers of M. */
    public GOperator inSpace(IntegrationSpace other) {
        if (other == space) return this;
        return new GOperator(layout, other, fPrimePoint, fPrime, activationAtBias, mass, m, powers);
    }

    /** The same snapshot in the same space with another mass; shares the cached powers of M. */
    public GOperator withMass(double newMass) {
        if (!Double.isFinite(newMass) || newMass < 0) throw new IllegalArgumentException("mass m = " + newMass + "; need a finite m >= 0");
        return new GOperator(layout, space, fPrimePoint, fPrime, activationAtBias, newMass, m, powers);
    }

    public NeuronLayout layout() { return layout; }

    public IntegrationSpace space() { return space; }

    public FPrimePoint fPrimePoint() { return fPrimePoint; }

    public double mass() { return mass; }

    /** diag F′ over all N neurons (0 on inputs). */
    public double[] fPrime() { return fPrime.clone(); }

    /** M = F′ŵ over all groups (the space is applied by {@link #firstGroup()}). */
    public BlockMatrix m() { return m; }

    /** First group integrated: 0 for ALL, 1 for CLAMPED. */
    public int firstGroup() { return space == IntegrationSpace.ALL ? 0 : 1; }

    /** N_G: dimension of the integration space (N or R). */
    public int nG() { return space == IntegrationSpace.ALL ? layout.n() : layout.r(); }

    /**
     * True if M is strictly block lower-triangular in group order, so M is nilpotent (P1) and the
     * compressed spectrum (S36) and the finite Neumann inverse (§8 item 6) apply.
     */
    public boolean isBlockNilpotent() { return m.isStrictlyBlockLower(); }

    /**
     * L: one more than the longest chain of non-zero blocks of M, so that M^L = 0 (P1). Requires
     * {@link #isBlockNilpotent()}.
     */
    public int levels() {
        requireNilpotent("levels()");
        int gc = m.groupCount();
        int[] depth = new int[gc];
        for (int t = 1; t < gc; t++) {
            int d = 0;
            for (int f = 0; f < t; f++) if (m.block(t, f) != null) d = Math.max(d, depth[f] + 1);
            depth[t] = d;
        }
        int max = 0;
        for (int d : depth) max = Math.max(max, d);
        return max + 1;
    }

    /** True if every non-zero block of M joins consecutive groups (g → g+1): a layered net, §8 item 7. */
    public boolean isLayered() {
        for (int t = 0; t < m.groupCount(); t++) {
            for (int f = 0; f < m.groupCount(); f++) if (m.block(t, f) != null && t != f + 1) return false;
        }
        return true;
    }

    /**
     * The powers M, M², …, M^{L−1} over all groups (block products, §8 item 9), computed once per
     * snapshot and shared by the spaces. M^L = 0 is checked.
     */
    public List<BlockMatrix> powers(Linalg la) {
        requireNilpotent("the powers (F'w)^k");
        return powers.get(m, la);
    }

    void requireNilpotent(String what) {
        if (!isBlockNilpotent()) {
            throw new IllegalStateException(what + " need(s) a nilpotent F'w with blocks only from earlier to later groups (P1), but "
                    + "this network has a backward/recurrent non-zero block; use the dense route (Route.DENSE or AUTO), which works for any w, "
                    + "for N_G <= " + DENSE_LIMIT);
        }
    }

    /** c = f(b) in space coordinates (0 on inputs): the constant of the linearised loss (S10). */
    public double[] activationAtBias() {
        int o = space == IntegrationSpace.ALL ? 0 : layout.nIn();
        double[] c = new double[nG()];
        System.arraycopy(activationAtBias, o, c, 0, c.length);
        return c;
    }

    /** A v = v − M v in space coordinates. */
    public double[] applyA(double[] v) {
        double[] mv = m.apply(v, firstGroup());
        for (int i = 0; i < mv.length; i++) mv[i] = v[i] - mv[i];
        return mv;
    }

    /** Aᵀ v = v − Mᵀ v in space coordinates. */
    public double[] applyAT(double[] v) {
        double[] mv = m.applyTransposed(v, firstGroup());
        for (int i = 0; i < mv.length; i++) mv[i] = v[i] - mv[i];
        return mv;
    }

    /** Dense A = I − M (N_G × N_G, row-major) in space coordinates; refused for N_G &gt; {@value #DENSE_LIMIT}. */
    public double[] denseA() {
        requireDense("A = I - F'w");
        int n = nG();
        double[] a = m.toDense(firstGroup());
        for (int i = 0; i < a.length; i++) a[i] = -a[i];
        for (int i = 0; i < n; i++) a[i * n + i] += 1;
        return a;
    }

    /** Dense Ĝ = AᵀA + mI (S11), N_G × N_G row-major; refused for N_G &gt; {@value #DENSE_LIMIT}. */
    public double[] denseG(Linalg la) {
        requireDense("G");
        int n = nG();
        double[] a = denseA();
        double[] g = new double[n * n];
        la.gemm(true, false, n, n, n, 1.0, a, a, 0.0, g);
        for (int i = 0; i < n; i++) g[i * n + i] += mass;
        return g;
    }

    private void requireDense(String what) {
        if (nG() > DENSE_LIMIT) {
            throw new IllegalStateException("the dense " + what + " would be " + nG() + "x" + nG() + " (N_G > " + DENSE_LIMIT
                    + "); use the compressed route (S36), which never forms an N x N matrix");
        }
    }

    @Override
    public String toString() {
        return "GOperator[" + layout + ", " + space.label() + ", f' at " + fPrimePoint + ", m=" + mass + "]";
    }

    /** Lazily computed powers of M, shared between the spaces of one snapshot. */
    private static final class PowerCache {
        private List<BlockMatrix> powers;

        synchronized List<BlockMatrix> get(BlockMatrix m, Linalg la) {
            if (powers == null) {
                List<BlockMatrix> p = new ArrayList<>();
                BlockMatrix cur = m;
                int guard = m.groupCount() + 1;
                while (!cur.isZero()) {
                    p.add(cur);
                    if (p.size() > guard) throw new IllegalStateException("(F'w)^k did not vanish for k <= " + guard + "; not nilpotent");
                    cur = m.times(cur, la);
                }
                powers = Collections.unmodifiableList(p);
            }
            return powers;
        }
    }
}
