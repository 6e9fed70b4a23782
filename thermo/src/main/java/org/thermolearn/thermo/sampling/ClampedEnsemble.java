package org.thermolearn.thermo.sampling;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical ensemble p(x) ∝ e^{−βH(x)} (S7) of the R non-input neurons of a feed-forward network with its
 * inputs clamped at a sample u (A1 reading (b)), for the full, non-quadratic loss (S6) with V = 0 restricted to
 * non-input neurons (A11):
 * <pre>  H(x) = ½ Σ_{g ≥ 1} |x_g − f(z_g(x))|²,   z_g = Σ_{blocks h→g} W_{gh} x_h + b_g,   x_0 = u.</pre>
 * Its minimum is the forward-pass fixed point x* (P10, H = 0); the Hessian there is exactly Ĝ_R(x*) = A*ᵀA*
 * with F′ = f′(z*) (S11 in the clamped space). Pre-activations come from {@link ForwardPass#preActivation}.
 *
 * <p>For a feed-forward net the integral factorises group by group from the outputs down, so the noisy forward
 * pass x_g = f(z_g) + ξ_g/√β (ξ ~ N(0, I)) samples p exactly ({@link #noisyForward}); {@link Hmc} is the
 * independent sampler that would also work without the factorisation.
 */
public final class ClampedEnsemble {

    private final Network net;
    /** The same network with the clamped input folded into the bias (b′_g = b_g + W_{g0} u) and its input blocks dropped. */
    private final Network folded;
    private final NeuronLayout layout;
    private final Linalg la;
    private final double[] u;
    private final int r;
    private final int nIn;
    private final double[] xStar;
    private final double[] zStar;

    /**
     * @param net a feed-forward network (blocks only from earlier to later groups)
     * @param u   the clamped input, length n_in
     */
    public ClampedEnsemble(Network net, double[] u, Linalg la) {
        this.net = net;
        this.layout = net.layout();
        this.la = la;
        if (u.length != layout.nIn()) throw new IllegalArgumentException("input has " + u.length + " values; the network has " + layout.nIn() + " inputs");
        if (!net.weights().isFeedForward()) throw new IllegalArgumentException("the clamped ensemble needs a feed-forward network (no backward block)");
        this.u = u.clone();
        this.folded = foldInput(net, this.u);
        this.r = layout.r();
        this.nIn = layout.nIn();
        double[][] a = ForwardPass.run(net, this.u, 1, la);
        xStar = new double[r];
        zStar = new double[r];
        double[][] z = new double[layout.groupCount()][];
        for (int g = 1; g < layout.groupCount(); g++) {
            System.arraycopy(a[g], 0, xStar, layout.offset(g) - nIn, layout.size(g));
            z[g] = ForwardPass.preActivation(folded, a, g, 1, la);
            System.arraycopy(z[g], 0, zStar, layout.offset(g) - nIn, layout.size(g));
        }
    }

    /**
     * The input is constant, so W_{g0} u is computed once: the energy and the exact sampler then run the forward
     * arithmetic over the R non-input neurons only (for MNIST nets the input block is most of the work).
     */
    private static Network foldInput(Network net, double[] u) {
        NeuronLayout l = net.layout();
        double[] bias = net.bias().clone();
        List<Block> inner = new ArrayList<>();
        for (Block b : net.weights().blocks()) {
            if (b.from() != 0) {
                inner.add(b);
                continue;
            }
            int o = l.offset(b.to());
            for (int i = 0; i < b.rows(); i++) {
                double s = 0;
                for (int j = 0; j < b.cols(); j++) s += b.get(i, j) * u[j];
                bias[o + i] += s;
            }
        }
        return new Network(l, new WeightMatrix(l, inner), bias, net.hiddenActivation(), net.outputActivation());
    }

    public Network network() { return net; }

    /** R, the number of integrated (non-input) neurons. */
    public int r() { return r; }

    /** The fixed point x* (the forward pass from u), the minimum of H. */
    public double[] fixedPoint() { return xStar.clone(); }

    /** Ĝ_R at the matching point x* (F′ = f′(z*)): the exact Hessian of H at its minimum. */
    public GOperator operatorAtFixedPoint() {
        double[] fp = new double[layout.n()];
        for (int g = 1; g < layout.groupCount(); g++) {
            for (int j = 0; j < layout.size(g); j++) fp[layout.offset(g) + j] = net.activation(g).df(zStar[layout.offset(g) - nIn + j]);
        }
        return GOperator.of(net, IntegrationSpace.CLAMPED, fp, 0.0);
    }

    /** Ĝ_R with the toolkit default F′ = f′(b) (A2a), the operator behind every recorded spectrum. */
    public GOperator operatorAtBias() { return GOperator.of(net, IntegrationSpace.CLAMPED, null, 0.0); }

    /** The per-group views of a state x over the R non-input neurons, group 0 = u. */
    private double[][] groups(double[] x) {
        double[][] a = new double[layout.groupCount()][];
        a[0] = u;
        for (int g = 1; g < layout.groupCount(); g++) {
            int o = layout.offset(g) - nIn;
            a[g] = Arrays.copyOfRange(x, o, o + layout.size(g));
        }
        return a;
    }

    /** H(x) and, if {@code grad} is not null, ∂H/∂x over the R non-input neurons. */
    public double energy(double[] x, double[] grad) {
        double[][] a = groups(x);
        int groups = layout.groupCount();
        double[][] z = new double[groups][], e = new double[groups][];
        double h = 0;
        for (int g = 1; g < groups; g++) {
            z[g] = ForwardPass.preActivation(folded, a, g, 1, la);
            e[g] = new double[z[g].length];
            for (int i = 0; i < z[g].length; i++) {
                double d = a[g][i] - net.activation(g).f(z[g][i]);
                e[g][i] = d;
                h += d * d;
            }
        }
        if (grad != null) {
            for (int g = 1; g < groups; g++) System.arraycopy(e[g], 0, grad, layout.offset(g) - nIn, e[g].length);
            for (Block b : net.weights().blocks()) {
                if (b.from() == 0) continue; // inputs are clamped
                int to = b.to(), n = b.rows(), m = b.cols(), om = layout.offset(b.from()) - nIn;
                double[] w = b.w();
                for (int i = 0; i < n; i++) {
                    double d = net.activation(to).df(z[to][i]) * e[to][i];
                    if (d == 0) continue;
                    int base = i * m;
                    for (int j = 0; j < m; j++) grad[om + j] -= d * w[base + j];
                }
            }
        }
        return 0.5 * h;
    }

    /** The exact sampler: x_g = f(z_g) + scale · ξ_g in group order (scale = 1/√β); writes x, returns ½|ξ|²·scale². */
    public double noisyForward(double[] xi, double scale, double[] x) {
        double[][] a = new double[layout.groupCount()][];
        a[0] = u;
        double h = 0;
        for (int g = 1; g < layout.groupCount(); g++) {
            double[] z = ForwardPass.preActivation(folded, a, g, 1, la);
            int o = layout.offset(g) - nIn;
            for (int i = 0; i < z.length; i++) {
                double n = scale * xi[o + i];
                z[i] = net.activation(g).f(z[i]) + n;
                h += n * n;
            }
            a[g] = z;
            System.arraycopy(z, 0, x, o, z.length);
        }
        return 0.5 * h;
    }

    /**
     * A⁻¹ for A = I_R − F′W_RR of {@code op} (R × R row-major): A is unit lower triangular in group order for a
     * feed-forward net, so forward substitution gives the exact inverse.
     */
    public static double[] inverseA(GOperator op) {
        int n = op.nG();
        double[] a = op.denseA();
        double[] inv = new double[n * n];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < n; i++) {
                double s = i == c ? 1 : 0;
                int base = i * n;
                for (int k = c; k < i; k++) s -= a[base + k] * inv[k * n + c];
                inv[i * n + c] = s; // a[i][i] = 1
            }
        }
        return inv;
    }
}
