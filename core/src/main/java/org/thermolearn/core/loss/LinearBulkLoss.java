package org.thermolearn.core.loss;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

/**
 * The linear-regime bulk loss (S5) of a network with one hidden group (theory.md §2.2):
 *
 * <pre>
 *   H ≈ ½ δᵀ (Î + J Jᵀ)⁻¹ δ ≤ ½ |δ|² = H_∂,   δ = y − f(z_out),   J = diag f′(z_out) · W_{out,hidden},
 * </pre>
 *
 * evaluated at the forward pass. It is the exact minimum of (S4) (no potential) after linearising the output
 * activation around the forward pass: with hidden = forward + u the objective becomes ½|u|² + ½|δ − J u|²,
 * whose minimum over u is the expression above. It agrees with {@link BulkLoss} to relative order |δ| for small
 * output errors. A skip block input → output is allowed (it does not depend on the hidden neurons).
 */
public final class LinearBulkLoss {

    private LinearBulkLoss() { }

    /**
     * (S5) per sample.
     *
     * @param inputs  samples × n_in, row-major
     * @param targets samples × n_out, row-major
     * @throws IllegalArgumentException if the network does not have exactly one hidden group, or on bad data
     */
    public static double[] evaluate(Network net, double[] inputs, double[] targets, Linalg la) {
        int samples = Checks.samples(net, inputs, targets);
        NeuronLayout l = net.layout();
        if (l.groupCount() != 3) {
            throw new IllegalArgumentException("the linear-regime bulk loss (S5) is for one hidden group; " + net
                    + " has " + (l.groupCount() - 2) + " hidden groups (use BulkLoss for the exact minimum)");
        }
        int nh = l.size(1), no = l.nOut(), nIn = l.nIn();
        Block w = null;
        for (Block b : net.weights().blocks()) if (b.from() == 1 && b.to() == 2) w = b;
        double[] wwT = new double[no * no];
        if (w != null) la.gemm(false, true, no, no, nh, 1.0, w.w(), w.w(), 0.0, wwT);
        double[] per = new double[samples];
        double[] mtx = new double[no * no];
        double[] rhs = new double[no];
        for (int c0 = 0; c0 < samples; c0 += BoundaryLoss.CHUNK) {
            int nb = Math.min(BoundaryLoss.CHUNK, samples - c0);
            double[] in = BulkLoss.copyRows(inputs, c0, nb, nIn);
            double[] y = ForwardPass.run(net, in, nb, la)[2];
            for (int s = 0; s < nb; s++) {
                double[] fp = new double[no];
                for (int i = 0; i < no; i++) {
                    fp[i] = net.outputActivation().dfFromValue(y[s * no + i]);
                    rhs[i] = targets[(c0 + s) * no + i] - y[s * no + i];
                }
                for (int i = 0; i < no; i++) {
                    for (int j = 0; j < no; j++) mtx[i * no + j] = fp[i] * wwT[i * no + j] * fp[j] + (i == j ? 1 : 0);
                }
                per[c0 + s] = 0.5 * quadraticFormInverse(mtx, rhs, no);
            }
        }
        return per;
    }

    /** δᵀ M⁻¹ δ for symmetric positive definite M (here M ≥ I) by Cholesky; M and δ are overwritten. */
    private static double quadraticFormInverse(double[] mtx, double[] delta, int n) {
        for (int j = 0; j < n; j++) {
            double sum = mtx[j * n + j];
            for (int k = 0; k < j; k++) sum -= mtx[j * n + k] * mtx[j * n + k];
            double ljj = Math.sqrt(sum);
            mtx[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double v = mtx[i * n + j];
                for (int k = 0; k < j; k++) v -= mtx[i * n + k] * mtx[j * n + k];
                mtx[i * n + j] = v / ljj;
            }
        }
        // forward substitution L z = δ; δᵀ M⁻¹ δ = |z|²
        double q = 0;
        for (int i = 0; i < n; i++) {
            double v = delta[i];
            for (int k = 0; k < i; k++) v -= mtx[i * n + k] * delta[k];
            delta[i] = v / mtx[i * n + i];
            q += delta[i] * delta[i];
        }
        return q;
    }
}
