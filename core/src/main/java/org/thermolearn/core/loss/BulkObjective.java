package org.thermolearn.core.loss;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bulk objective (S4)/(S6) of one chunk of samples as a {@link RowObjective}: the variables of a row are the
 * sample's hidden neurons h (hidden groups in group order), and
 * <pre>
 *   B(h) = ½ Σ_{i non-input} (x_i − f((ŵx + b)_i))² + Σ_{i non-input} V(x_i),
 *   ∂B/∂x_h = E_h + V′(x_h) − Σ_{blocks h→t} (E_t ⊙ f′(Z_t)) W_{th},   E = x − f(Z), Z = ŵx + b,
 * </pre>
 * with the inputs and outputs clamped to the data. One gemm per block for all rows. Hidden groups whose
 * incoming blocks all come from the input group have a constant pre-activation: f and f′ there are evaluated
 * once per chunk, in {@link #load}, in the same order of operations as
 * {@link org.thermolearn.core.network.ForwardPass}, so the forward-pass start value equals {@link BoundaryLoss}
 * bit for bit. Not thread-safe: one instance per thread.
 */
final class BulkObjective implements RowObjective {

    private final Linalg la;
    private final Potential pot;
    private final int groups, out, nIn, nOut, hidden;
    private final int[] n;             // group sizes
    private final int[] hOff;          // column of hidden group g inside a row of the variables
    private final Activation[] act;
    private final boolean[] constGroup; // all incoming blocks from the input group (and not the output)
    private final Block[] prefix;       // first block into g when it comes from the input group (pre-summed), or null
    private final List<List<Block>> rest;     // blocks into g evaluated every time, in weight-list order
    private final List<List<Block>> outgoing; // blocks from hidden group g
    private final boolean needInputs;
    private final double[][] biasRows;  // b restricted to group g

    // per-row data (cap rows)
    private final double[] x0;                 // inputs (only when a non-prefix block reads them)
    private final double[] y;                  // targets (the clamped output group)
    private final double[][] pre;              // non-constant g: bias (+ input block) pre-summed
    private final double[][] aConst, dConst;   // constant g: f(Z), f′(Z)
    private final double[][] a, e, d;          // scratch: f(Z), E, E ⊙ f′(Z)
    private final double[] vsum;

    BulkObjective(Network net, Linalg la, int cap, Potential pot) {
        this.la = la;
        this.pot = pot;
        NeuronLayout l = net.layout();
        groups = l.groupCount();
        out = l.outputGroup();
        nIn = l.nIn();
        nOut = l.nOut();
        n = l.sizes();
        hOff = new int[groups];
        int h = 0;
        for (int g = 1; g < out; g++) {
            hOff[g] = h;
            h += n[g];
        }
        hidden = h;
        biasRows = new double[groups][];
        for (int g = 1; g < groups; g++) biasRows[g] = Arrays.copyOfRange(net.bias(), l.offset(g), l.offset(g + 1));
        act = new Activation[groups];
        for (int g = 1; g < groups; g++) act[g] = net.activation(g);
        constGroup = new boolean[groups];
        prefix = new Block[groups];
        rest = new ArrayList<>();
        outgoing = new ArrayList<>();
        boolean needIn = false;
        for (int g = 0; g < groups; g++) {
            rest.add(new ArrayList<>());
            outgoing.add(new ArrayList<>());
        }
        for (int g = 1; g < groups; g++) {
            boolean first = true, allInput = true;
            for (Block b : net.weights().blocks()) {
                if (b.to() != g) continue;
                if (b.from() != 0) allInput = false;
                if (first && b.from() == 0) prefix[g] = b;
                else {
                    rest.get(g).add(b);
                    if (b.from() == 0) needIn = true;
                }
                first = false;
            }
            constGroup[g] = allInput && g != out;
        }
        for (Block b : net.weights().blocks()) if (b.from() > 0) outgoing.get(b.from()).add(b);
        needInputs = needIn;

        x0 = needInputs ? new double[cap * nIn] : null;
        y = new double[cap * nOut];
        pre = new double[groups][];
        aConst = new double[groups][];
        dConst = new double[groups][];
        a = new double[groups][];
        e = new double[groups][];
        d = new double[groups][];
        for (int g = 1; g < groups; g++) {
            int sz = cap * n[g];
            a[g] = new double[sz];
            e[g] = new double[sz];
            d[g] = new double[sz];
            if (constGroup[g]) {
                aConst[g] = new double[sz];
                dConst[g] = new double[sz];
            } else {
                pre[g] = new double[sz];
            }
        }
        vsum = new double[cap];
    }

    @Override
    public int dimension() { return hidden; }

    /** Loads samples row0 … row0+rows−1 and pre-sums the constant parts of the pre-activations. */
    void load(double[] inputs, double[] targets, int row0, int rows) {
        double[] in = BulkLoss.copyRows(inputs, row0, rows, nIn);
        if (needInputs) System.arraycopy(in, 0, x0, 0, in.length);
        System.arraycopy(targets, row0 * nOut, y, 0, rows * nOut);
        for (int g = 1; g < groups; g++) {
            // same operations, in the same order, as ForwardPass.preActivation
            double[] z = constGroup[g] ? aConst[g] : pre[g];
            int ng = n[g];
            for (int s = 0; s < rows; s++) System.arraycopy(biasRows[g], 0, z, s * ng, ng);
            if (prefix[g] != null) la.gemm(false, true, rows, ng, nIn, 1.0, in, prefix[g].w(), 1.0, z);
            if (constGroup[g]) {
                act[g].applyInPlace(z, 0, rows * ng);
                double[] dc = dConst[g];
                for (int i = 0; i < rows * ng; i++) dc[i] = act[g].dfFromValue(z[i]);
            }
        }
    }

    /** The forward-pass hidden states of the loaded rows into {@code x} (rows × dimension): the start of (S4). */
    void forwardStates(int rows, double[] x) {
        for (int g = 1; g < out; g++) {
            int ng = n[g], off = hOff[g];
            double[] ag = activate(g, x, rows);
            for (int s = 0; s < rows; s++) System.arraycopy(ag, s * ng, x, s * hidden + off, ng);
        }
    }

    /** f(Z_g) for the rows at hidden states x; returns the array holding it (rows × n_g). */
    private double[] activate(int g, double[] x, int rows) {
        if (constGroup[g]) return aConst[g];
        int ng = n[g];
        double[] z = a[g];
        System.arraycopy(pre[g], 0, z, 0, rows * ng);
        for (Block b : rest.get(g)) {
            int nf = n[b.from()];
            if (b.from() == 0) la.gemm(false, true, rows, ng, nf, 1.0, x0, 0, nIn, b.w(), 0, nf, 1.0, z, 0, ng);
            else la.gemm(false, true, rows, ng, nf, 1.0, x, hOff[b.from()], hidden, b.w(), 0, nf, 1.0, z, 0, ng);
        }
        act[g].applyInPlace(z, 0, rows * ng);
        return z;
    }

    @Override
    public void evaluate(int rows, double[] x, double[] values, double[] gradient) {
        Arrays.fill(values, 0, rows, 0.0);
        boolean withV = !pot.isNone();
        if (withV) Arrays.fill(vsum, 0, rows, 0.0);
        for (int g = 1; g < groups; g++) {
            int ng = n[g];
            double[] ag = activate(g, x, rows);
            double[] eg = e[g], dg = d[g];
            double[] dc = constGroup[g] ? dConst[g] : null;
            Activation fa = act[g];
            if (dc == null) {
                for (int i = 0; i < rows * ng; i++) dg[i] = fa.dfFromValue(ag[i]);
                dc = dg;
            }
            // the state of group g: the hidden variables, or the clamped targets for the output group
            double[] xs = g == out ? y : x;
            int ld = g == out ? nOut : hidden, off = g == out ? 0 : hOff[g];
            for (int s = 0; s < rows; s++) {
                double acc = values[s];
                int base = s * ng, xb = s * ld + off - base;
                for (int j = base; j < base + ng; j++) {
                    double r = xs[xb + j] - ag[j];
                    eg[j] = r;
                    dg[j] = r * dc[j];
                    acc += r * r;
                }
                values[s] = acc;
                if (withV) {
                    double v = 0;
                    for (int j = base; j < base + ng; j++) v += pot.value(xs[xb + j]);
                    vsum[s] += v;
                }
            }
        }
        for (int s = 0; s < rows; s++) values[s] = withV ? 0.5 * values[s] + vsum[s] : 0.5 * values[s];
        if (gradient == null) return;
        for (int g = 1; g < out; g++) {
            int ng = n[g], off = hOff[g];
            double[] eg = e[g];
            for (int s = 0; s < rows; s++) {
                int gb = s * hidden + off, eb = s * ng;
                if (withV) {
                    for (int j = 0; j < ng; j++) gradient[gb + j] = eg[eb + j] + pot.derivative(x[gb + j]);
                } else {
                    System.arraycopy(eg, eb, gradient, gb, ng);
                }
            }
            for (Block b : outgoing.get(g)) {
                int nt = n[b.to()];
                la.gemm(false, false, rows, ng, nt, -1.0, d[b.to()], 0, nt, b.w(), 0, ng, 1.0, gradient, off, hidden);
            }
        }
    }

    @Override
    public void moveRow(int from, int to) {
        if (needInputs) System.arraycopy(x0, from * nIn, x0, to * nIn, nIn);
        System.arraycopy(y, from * nOut, y, to * nOut, nOut);
        for (int g = 1; g < groups; g++) {
            int ng = n[g];
            if (constGroup[g]) {
                System.arraycopy(aConst[g], from * ng, aConst[g], to * ng, ng);
                System.arraycopy(dConst[g], from * ng, dConst[g], to * ng, ng);
            } else {
                System.arraycopy(pre[g], from * ng, pre[g], to * ng, ng);
            }
        }
    }
}
