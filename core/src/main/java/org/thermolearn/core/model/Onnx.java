package org.thermolearn.core.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.thermolearn.core.model.onnx.OnnxProto.AttributeProto;
import org.thermolearn.core.model.onnx.OnnxProto.GraphProto;
import org.thermolearn.core.model.onnx.OnnxProto.ModelProto;
import org.thermolearn.core.model.onnx.OnnxProto.NodeProto;
import org.thermolearn.core.model.onnx.OnnxProto.OperatorSetIdProto;
import org.thermolearn.core.model.onnx.OnnxProto.TensorProto;
import org.thermolearn.core.model.onnx.OnnxProto.TensorShapeProto;
import org.thermolearn.core.model.onnx.OnnxProto.TypeProto;
import org.thermolearn.core.model.onnx.OnnxProto.ValueInfoProto;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX models (messages generated from onnx.proto by protoc at build time) to and from the generalised network.
 *
 * <p><b>Reading.</b> The graph is interpreted symbolically in node order (ONNX requires topological order). A value
 * is either the activation a_g of a neuron group (the graph input is group 0), or an affine pre-activation
 * z = Σ_h W_h a_h + b that is not yet a group. {@code Gemm} (any alpha, beta, transB; transA = 0) and
 * {@code MatMul} with a constant right factor turn a group into a pre-activation; {@code Add} adds a bias
 * constant, or two pre-activations (a skip connection: both branches feed the same group), or a group
 * itself (a residual x + …: an identity block); {@code Tanh}, {@code Sigmoid}, {@code Relu}, {@code Softplus}
 * and {@code Identity} make a pre-activation a new group with that activation. A pre-activation that is the
 * graph output becomes the output group with identity activation. Each block h → g of ŵ is the sum of the
 * matrices of the terms from h (rows = receivers). Any other operator is refused naming the op and node.
 * The theory's network has one hidden activation and one output activation (Network), so hidden groups
 * with different activations are refused too.
 *
 * <p><b>Writing.</b> Opset 13, float64 initializers and a float64 input {@code x} of shape [batch, n_in]:
 * for each group g, one {@code Gemm(a_h, W, transB = 1)} per block into g (the first with the bias as C),
 * summed by {@code Add}, then the activation op; output {@code y}.
 */
public final class Onnx {

    private Onnx() { }

    /** A value of the symbolic interpretation: a group's activation, or a pre-activation Σ_h W_h a_h + b. */
    private static final class Value {
        final int group;                       // ≥ 0 for a group activation; −1 for a pre-activation
        final int width;
        final Map<Integer, double[]> terms;    // sending group → W (width × size(h), row-major), for pre-activations
        final double[] bias;

        Value(int group, int width) { this.group = group; this.width = width; this.terms = null; this.bias = null; }

        Value(int width, Map<Integer, double[]> terms, double[] bias) { this.group = -1; this.width = width; this.terms = terms; this.bias = bias; }

        boolean isGroup() { return group >= 0; }
    }

    /** Reads an ONNX file into a network. */
    public static Network read(Path file) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(file, "is not an ONNX model, or is cut off (protobuf: " + e.getMessage()
                    + "); export it again with torch.onnx.export");
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelFormatException(file, "is not an ONNX model with a graph (no nodes found); export it again with torch.onnx.export");
        }
        return new Reader(file, model.getGraph()).network();
    }

    private static final class Reader {
        final Path file;
        final GraphProto g;
        final Map<String, Tensor> constants = new HashMap<>();
        final Map<String, Value> values = new HashMap<>();
        final List<Integer> sizes = new ArrayList<>();
        final List<Activation> acts = new ArrayList<>();
        final Map<Integer, Map<Integer, double[]>> blocksInto = new LinkedHashMap<>();
        final Map<Integer, double[]> biasOf = new HashMap<>();

        Reader(Path file, GraphProto g) { this.file = file; this.g = g; }

        ModelFormatException error(NodeProto n, String problem) {
            return new ModelFormatException(file, "node '" + n.getName() + "' (" + n.getOpType() + "): " + problem);
        }

        Network network() {
            for (TensorProto t : g.getInitializerList()) constants.put(t.getName(), tensor(t));
            String input = null;
            for (ValueInfoProto vi : g.getInputList()) {
                if (constants.containsKey(vi.getName())) continue;
                if (input != null) {
                    throw new ModelFormatException(file, "has two graph inputs ('" + input + "', '" + vi.getName()
                            + "'); a network has one input vector");
                }
                input = vi.getName();
            }
            if (input == null) throw new ModelFormatException(file, "has no graph input");
            int nIn = inputWidth(g.getInputList().stream().filter(v -> !constants.containsKey(v.getName())).findFirst().orElseThrow());
            sizes.add(nIn);
            acts.add(null);
            values.put(input, new Value(0, nIn));
            for (NodeProto n : g.getNodeList()) node(n);
            if (g.getOutputCount() != 1) throw new ModelFormatException(file, "has " + g.getOutputCount() + " graph outputs; a network has one output vector");
            String outName = g.getOutput(0).getName();
            Value out = values.get(outName);
            if (out == null) throw new ModelFormatException(file, "graph output '" + outName + "' is not computed by any node");
            if (!out.isGroup()) out = newGroup(out, Activation.IDENTITY);
            if (out.group == 0) throw new ModelFormatException(file, "graph output is the input itself; the model has no layers");
            if (out.group != sizes.size() - 1) {
                throw new ModelFormatException(file, "graph output is group " + out.group + " but later nodes make " + (sizes.size() - 1 - out.group)
                        + " more groups that do not reach the output; remove the dead branch");
            }
            NeuronLayout layout = NeuronLayout.of(sizes.stream().mapToInt(Integer::intValue).toArray());
            List<Block> blocks = new ArrayList<>();
            for (var e : blocksInto.entrySet()) {
                for (var t : e.getValue().entrySet()) {
                    blocks.add(new Block(t.getKey(), e.getKey(), layout.size(e.getKey()), layout.size(t.getKey()), t.getValue()));
                }
            }
            blocks.sort((a, b) -> {
                boolean la = a.to() == a.from() + 1, lb = b.to() == b.from() + 1;
                if (la != lb) return la ? -1 : 1;       // layered blocks first, then skips (Architecture.edges order)
                return a.to() != b.to() ? Integer.compare(a.to(), b.to()) : Integer.compare(a.from(), b.from());
            });
            double[] bias = new double[layout.n()];
            for (var e : biasOf.entrySet()) System.arraycopy(e.getValue(), 0, bias, layout.offset(e.getKey()), e.getValue().length);
            Activation output = acts.get(acts.size() - 1);
            Activation hidden = output;
            for (int k = 1; k < acts.size() - 1; k++) {
                if (k == 1) hidden = acts.get(k);
                else if (acts.get(k) != hidden) {
                    throw new ModelFormatException(file, "hidden groups use both " + hidden + " and " + acts.get(k)
                            + "; the theory's network has one hidden activation (and one output activation)");
                }
            }
            return new Network(layout, new WeightMatrix(layout, blocks), bias, hidden, output);
        }

        int inputWidth(ValueInfoProto vi) {
            TypeProto.Tensor tt = vi.getType().getTensorType();
            List<TensorShapeProto.Dimension> dims = tt.getShape().getDimList();
            if (dims.size() != 2 || !dims.get(1).hasDimValue()) {
                throw new ModelFormatException(file, "graph input '" + vi.getName() + "' has shape " + dimString(dims)
                        + "; a network takes a 2-D input [batch, n_in] (flatten images before export: torch.onnx.export(model, torch.zeros(1, 784), …))");
            }
            return (int) dims.get(1).getDimValue();
        }

        static String dimString(List<TensorShapeProto.Dimension> dims) {
            List<String> s = new ArrayList<>();
            for (var d : dims) s.add(d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
            return s.toString();
        }

        Tensor tensor(TensorProto t) {
            int[] shape = new int[t.getDimsCount()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) { shape[i] = (int) t.getDims(i); count *= shape[i]; }
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw new ModelFormatException(file, "tensor '" + t.getName() + "' is stored in an external file; save the model with the weights inside");
            }
            double[] v = new double[(int) count];
            int type = t.getDataType();
            if (type == TensorProto.DataType.FLOAT_VALUE) {
                if (!t.getRawData().isEmpty()) v = raw(t, t.getRawData(), count, 4);
                else if (t.getFloatDataCount() == count) for (int i = 0; i < count; i++) v[i] = t.getFloatData(i);
                else throw truncated(t, count, t.getFloatDataCount());
            } else if (type == TensorProto.DataType.DOUBLE_VALUE) {
                if (!t.getRawData().isEmpty()) v = raw(t, t.getRawData(), count, 8);
                else if (t.getDoubleDataCount() == count) for (int i = 0; i < count; i++) v[i] = t.getDoubleData(i);
                else throw truncated(t, count, t.getDoubleDataCount());
            } else if (type == TensorProto.DataType.INT64_VALUE) {
                if (!t.getRawData().isEmpty()) {
                    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    if (b.remaining() != count * 8) throw truncated(t, count, b.remaining() / 8);
                    for (int i = 0; i < count; i++) v[i] = b.getLong();
                } else for (int i = 0; i < Math.min(count, t.getInt64DataCount()); i++) v[i] = t.getInt64Data(i);
            } else {
                throw new ModelFormatException(file, "tensor '" + t.getName() + "' has ONNX data type " + TensorProto.DataType.forNumber(type)
                        + "; weights must be FLOAT or DOUBLE");
            }
            Tensor r = new Tensor(t.getName(), shape, v);
            int bad = r.firstNonFinite();
            if (bad >= 0) {
                throw new ModelFormatException(file, "tensor '" + t.getName() + "' holds " + v[bad] + " at flat index " + bad
                        + "; the model diverged or was damaged: export a finite checkpoint");
            }
            return r;
        }

        ModelFormatException truncated(TensorProto t, long want, long got) {
            return new ModelFormatException(file, "tensor '" + t.getName() + "' holds " + got + " values but its dims promise " + want
                    + "; the file is damaged or cut off: export it again");
        }

        double[] raw(TensorProto t, ByteString raw, long count, int size) {
            if (raw.size() != count * size) throw truncated(t, count, raw.size() / size);
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            double[] v = new double[(int) count];
            for (int i = 0; i < count; i++) v[i] = size == 4 ? b.getFloat() : b.getDouble();
            return v;
        }

        Value in(NodeProto n, int i) {
            if (i >= n.getInputCount() || n.getInput(i).isEmpty()) throw error(n, "input " + i + " is missing");
            Value v = values.get(n.getInput(i));
            if (v == null) {
                if (constants.containsKey(n.getInput(i))) {
                    throw error(n, "input '" + n.getInput(i) + "' is a constant where the network's signal is expected; only weights may be constants");
                }
                throw error(n, "input '" + n.getInput(i) + "' is not computed by an earlier node");
            }
            return v;
        }

        Tensor constant(NodeProto n, int i) {
            if (i >= n.getInputCount()) throw error(n, "input " + i + " is missing");
            Tensor t = constants.get(n.getInput(i));
            if (t == null) throw error(n, "input '" + n.getInput(i) + "' must be a constant weight tensor (an initializer)");
            return t;
        }

        void node(NodeProto n) {
            String op = n.getOpType();
            switch (op) {
                case "Constant" -> {
                    for (AttributeProto a : n.getAttributeList()) {
                        if (a.getName().equals("value")) {
                            TensorProto t = a.getT().toBuilder().setName(n.getOutput(0)).build();
                            constants.put(n.getOutput(0), tensor(t));
                            return;
                        }
                    }
                    throw error(n, "a Constant without a 'value' tensor is not supported");
                }
                case "Gemm" -> gemm(n);
                case "MatMul" -> matmul(n);
                case "Add" -> add(n);
                case "Tanh", "Sigmoid", "Relu", "Softplus", "Identity" -> activation(n, Activation.parse(op));
                default -> throw error(n, "operator " + op + " is not supported; ThermoLearn reads feed-forward networks of Gemm or MatMul+Add "
                        + "with Tanh, Sigmoid, Relu, Softplus or Identity, and Add skip connections. Remove the op (e.g. export logits, "
                        + "not Softmax/LogSoftmax) or flatten the input before export");
            }
        }

        long intAttr(NodeProto n, String name, long def) {
            for (AttributeProto a : n.getAttributeList()) if (a.getName().equals(name)) return a.getI();
            return def;
        }

        double floatAttr(NodeProto n, String name, double def) {
            for (AttributeProto a : n.getAttributeList()) if (a.getName().equals(name)) return a.getF();
            return def;
        }

        Value asGroup(NodeProto n, Value v) {
            // a layer fed by a pre-activation: the pre-activation is a group with identity activation
            return v.isGroup() ? v : newGroup(v, Activation.IDENTITY);
        }

        void gemm(NodeProto n) {
            Value a = asGroup(n, in(n, 0));
            Tensor b = constant(n, 1);
            if (intAttr(n, "transA", 0) != 0) throw error(n, "transA = 1 is not supported; the signal must be the left factor [batch, n]");
            if (b.rank() != 2) throw error(n, "weight '" + b.name() + "' has shape " + b.shapeString() + "; it must be 2-D");
            boolean transB = intAttr(n, "transB", 0) != 0;
            int out = transB ? b.shape()[0] : b.shape()[1], inW = transB ? b.shape()[1] : b.shape()[0];
            if (inW != a.width) {
                throw error(n, "shapes do not chain: weight '" + b.name() + "' " + b.shapeString() + (transB ? " (transB)" : "") + " takes "
                        + inW + " inputs but its input '" + n.getInput(0) + "' has " + a.width);
            }
            double alpha = floatAttr(n, "alpha", 1), beta = floatAttr(n, "beta", 1);
            double[] w = new double[out * inW];
            for (int i = 0; i < out; i++) for (int j = 0; j < inW; j++) w[i * inW + j] = alpha * (transB ? b.data()[i * inW + j] : b.data()[j * out + i]);
            double[] bias = new double[out];
            if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                Tensor c = constant(n, 2);
                addBias(n, bias, c, beta);
            }
            Map<Integer, double[]> terms = new LinkedHashMap<>();
            terms.put(a.group, w);
            values.put(n.getOutput(0), new Value(out, terms, bias));
        }

        void addBias(NodeProto n, double[] bias, Tensor c, double scale) {
            if (c.data().length == bias.length && (c.rank() == 1 || (c.rank() == 2 && c.shape()[0] == 1))) {
                for (int i = 0; i < bias.length; i++) bias[i] += scale * c.data()[i];
            } else if (c.data().length == 1) {
                for (int i = 0; i < bias.length; i++) bias[i] += scale * c.data()[0];
            } else {
                throw error(n, "bias '" + c.name() + "' has shape " + c.shapeString() + " but the layer has " + bias.length + " outputs");
            }
        }

        void matmul(NodeProto n) {
            Value a = asGroup(n, in(n, 0));
            Tensor b = constant(n, 1);
            if (b.rank() != 2) throw error(n, "weight '" + b.name() + "' has shape " + b.shapeString() + "; it must be 2-D [in, out]");
            int inW = b.shape()[0], out = b.shape()[1];
            if (inW != a.width) {
                throw error(n, "shapes do not chain: weight '" + b.name() + "' " + b.shapeString() + " takes " + inW
                        + " inputs but its input '" + n.getInput(0) + "' has " + a.width);
            }
            double[] w = new double[out * inW];
            for (int i = 0; i < out; i++) for (int j = 0; j < inW; j++) w[i * inW + j] = b.data()[j * out + i];
            Map<Integer, double[]> terms = new LinkedHashMap<>();
            terms.put(a.group, w);
            values.put(n.getOutput(0), new Value(out, terms, new double[out]));
        }

        void add(NodeProto n) {
            if (n.getInputCount() != 2) throw error(n, "Add needs two inputs");
            String x = n.getInput(0), y = n.getInput(1);
            boolean cx = constants.containsKey(x), cy = constants.containsKey(y);
            if (cx && cy) throw error(n, "adds two constants; fold them before export");
            if (cx || cy) {
                Value v = in(n, cx ? 1 : 0);
                Tensor c = constants.get(cx ? x : y);
                if (v.isGroup()) v = asPre(v);
                double[] bias = v.bias.clone();
                addBias(n, bias, c, 1);
                values.put(n.getOutput(0), new Value(v.width, v.terms, bias));
                return;
            }
            Value a = in(n, 0), b = in(n, 1);
            if (a.width != b.width) throw error(n, "shapes do not chain: adds '" + x + "' of width " + a.width + " to '" + y + "' of width " + b.width);
            Value pa = a.isGroup() ? asPre(a) : a, pb = b.isGroup() ? asPre(b) : b;
            Map<Integer, double[]> terms = new LinkedHashMap<>();
            for (Value p : List.of(pa, pb)) {
                for (var t : p.terms.entrySet()) {
                    double[] acc = terms.get(t.getKey());
                    if (acc == null) terms.put(t.getKey(), t.getValue().clone());
                    else for (int i = 0; i < acc.length; i++) acc[i] += t.getValue()[i];
                }
            }
            double[] bias = pa.bias.clone();
            for (int i = 0; i < bias.length; i++) bias[i] += pb.bias[i];
            values.put(n.getOutput(0), new Value(a.width, terms, bias));
        }

        /** A group's activation as the pre-activation 1·a_h (the identity block of a residual connection). */
        Value asPre(Value v) {
            double[] id = new double[v.width * v.width];
            for (int i = 0; i < v.width; i++) id[i * v.width + i] = 1;
            Map<Integer, double[]> terms = new LinkedHashMap<>();
            terms.put(v.group, id);
            return new Value(v.width, terms, new double[v.width]);
        }

        void activation(NodeProto n, Activation f) {
            Value v = in(n, 0);
            if (v.isGroup()) {
                if (f == Activation.IDENTITY) { values.put(n.getOutput(0), v); return; }
                throw error(n, "applies " + n.getOpType() + " to '" + n.getInput(0) + "', which is already the output of an activation; "
                        + "each layer of the theory's network is one affine map and one activation");
            }
            values.put(n.getOutput(0), newGroup(v, f));
        }

        Value newGroup(Value pre, Activation f) {
            int g = sizes.size();
            sizes.add(pre.width);
            acts.add(f);
            blocksInto.put(g, pre.terms);
            biasOf.put(g, pre.bias);
            return new Value(g, pre.width);
        }
    }

    /** Writes {@code net} as an ONNX model (opset 13, float64) to {@code file}, which must not exist. */
    public static void write(Network net, Path file, String producer) throws IOException {
        if (!net.weights().isFeedForward()) throw new IllegalArgumentException("ŵ has a backward block; ONNX export needs a feed-forward network");
        NeuronLayout l = net.layout();
        GraphProto.Builder g = GraphProto.newBuilder().setName("thermolearn_" + l.toString().replace('-', '_'));
        g.addInput(valueInfo("x", l.nIn()));
        List<Block> blocks = net.weights().blocks();
        int node = 0;
        for (int grp = 1; grp < l.groupCount(); grp++) {
            String sum = null;
            boolean first = true;
            for (int k = 0; k < blocks.size(); k++) {
                Block b = blocks.get(k);
                if (b.to() != grp) continue;
                String w = "W" + b.from() + "_" + b.to();
                g.addInitializer(doubles(w, new long[]{b.rows(), b.cols()}, b.w()));
                NodeProto.Builder gemm = NodeProto.newBuilder().setOpType("Gemm").setName("gemm_" + b.from() + "_" + b.to())
                        .addInput(b.from() == 0 ? "x" : "a" + b.from()).addInput(w)
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1));
                if (first) {
                    String bn = "b" + grp;
                    g.addInitializer(doubles(bn, new long[]{l.size(grp)}, java.util.Arrays.copyOfRange(net.bias(), l.offset(grp), l.offset(grp + 1))));
                    gemm.addInput(bn);
                }
                String out = "z" + b.from() + "_" + b.to();
                g.addNode(gemm.addOutput(out));
                if (sum == null) sum = out;
                else {
                    String s = "s" + (node++);
                    g.addNode(NodeProto.newBuilder().setOpType("Add").setName("add_" + s).addInput(sum).addInput(out).addOutput(s));
                    sum = s;
                }
                first = false;
            }
            if (sum == null) throw new IllegalArgumentException("group " + grp + " receives no block; nothing to export");
            String a = grp == l.outputGroup() ? "y" : "a" + grp;
            Activation f = net.activation(grp);
            String op = switch (f) {
                case TANH -> "Tanh";
                case SIGMOID -> "Sigmoid";
                case RELU -> "Relu";
                case SOFTPLUS -> "Softplus";
                case IDENTITY -> "Identity";
            };
            g.addNode(NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase(java.util.Locale.ROOT) + "_" + grp).addInput(sum).addOutput(a));
        }
        g.addOutput(valueInfo("y", l.nOut()));
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setProducerName(producer).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
        Files.write(file, m.toByteArray(), java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    }

    private static ValueInfoProto valueInfo(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.DOUBLE_VALUE).setShape(shape))).build();
    }

    private static TensorProto doubles(String name, long[] dims, double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE);
        for (long d : dims) t.addDims(d);
        return t.setRawData(ByteString.copyFrom(b.array())).build();
    }
}
