package org.thermolearn.core.model;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.model.onnx.OnnxProto.AttributeProto;
import org.thermolearn.core.model.onnx.OnnxProto.GraphProto;
import org.thermolearn.core.model.onnx.OnnxProto.ModelProto;
import org.thermolearn.core.model.onnx.OnnxProto.NodeProto;
import org.thermolearn.core.model.onnx.OnnxProto.TensorProto;
import org.thermolearn.core.model.onnx.OnnxProto.TensorShapeProto;
import org.thermolearn.core.model.onnx.OnnxProto.TypeProto;
import org.thermolearn.core.model.onnx.OnnxProto.ValueInfoProto;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelReadersTest {

    static Network randomNet(long seed, Activation hidden, Activation out, int[]... skips) {
        SplittableRandom r = new SplittableRandom(seed);
        NeuronLayout l = NeuronLayout.of(12, 7, 5, 3);
        WeightMatrix w = WeightMatrix.zeros(l, skips);
        for (Block b : w.blocks()) for (int i = 0; i < b.w().length; i++) b.w()[i] = r.nextGaussian() * 0.7;
        double[] bias = new double[l.n()];
        for (int i = l.nIn(); i < l.n(); i++) bias[i] = r.nextGaussian() * 0.3;
        return new Network(l, w, bias, hidden, out);
    }

    static double[] outputs(Network n, double[] x, int batch) { return ForwardPass.outputs(n, x, batch, EjmlLinalg.INSTANCE); }

    static double[] inputs(int batch) { return new SplittableRandom(99).doubles(batch * 12, -1, 1).toArray(); }

    // ------------------------------------------------------------------ round trips

    @Test
    void npzRoundTripIsExact(@TempDir Path dir) throws IOException {
        Network n = randomNet(1, Activation.TANH, Activation.IDENTITY);
        Path f = dir.resolve("m.npz");
        Npz.write(f, SequentialStateDict.fromNetwork(n));
        assertEquals(n, ModelFiles.read(f, Activation.TANH, Activation.IDENTITY));
        assertEquals(java.util.List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), java.util.List.copyOf(Npz.read(f).keySet()));
    }

    @Test
    void onnxRoundTripIsExactWithSkipBlocksAndEveryActivation(@TempDir Path dir) throws IOException {
        for (Activation a : Activation.values()) {
            Network n = randomNet(2, a, Activation.SIGMOID, new int[]{0, 2}, new int[]{1, 3});
            Path f = dir.resolve("m-" + a + ".onnx");
            Onnx.write(n, f, "test");
            Network back = ModelFiles.read(f, Activation.TANH, Activation.TANH);
            assertEquals(n, back, "activation " + a);
        }
    }

    @Test
    void safetensorsWrittenFromThePublishedLayoutIsRead(@TempDir Path dir) throws IOException {
        Network n = randomNet(3, Activation.TANH, Activation.IDENTITY);
        Map<String, Tensor> sd = SequentialStateDict.fromNetwork(n);
        Path f = dir.resolve("m.safetensors");
        Files.write(f, safetensors(sd, "F64"));
        assertEquals(n, ModelFiles.read(f, Activation.TANH, Activation.IDENTITY));
        // F32: the values are the float-rounded weights
        Files.write(dir.resolve("m32.safetensors"), safetensors(sd, "F32"));
        Network n32 = ModelFiles.read(dir.resolve("m32.safetensors"), Activation.TANH, Activation.IDENTITY);
        assertEquals((double) (float) n.weights().blocks().get(1).w()[3], n32.weights().blocks().get(1).w()[3], 0);
    }

    /** The safetensors layout: u64 LE header length, JSON header, little-endian data. */
    static byte[] safetensors(Map<String, Tensor> sd, String dtype) {
        int size = dtype.equals("F64") ? 8 : 4;
        StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long at = 0;
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (Tensor t : sd.values()) {
            long len = (long) t.data().length * size;
            h.append(",\"").append(t.name()).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":").append(Arrays.toString(t.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(at).append(',').append(at + len).append("]}");
            ByteBuffer b = ByteBuffer.allocate((int) len).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : t.data()) { if (size == 8) b.putDouble(v); else b.putFloat((float) v); }
            data.writeBytes(b.array());
            at += len;
        }
        byte[] head = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + head.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(head.length).put(head).put(data.toByteArray());
        return out.array();
    }

    // ------------------------------------------------------------------ ONNX graphs as other exporters write them

    private static TensorProto floats(String name, int[] dims, double[] v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int d : dims) t.addDims(d);
        for (double x : v) t.addFloatData((float) x);
        return t.build();
    }

    private static ValueInfoProto input(String name, int width) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(1).setShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))))).build();
    }

    private static NodeProto node(String op, String name, String out, String... in) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(out);
        for (String s : in) b.addInput(s);
        return b.build();
    }

    private static double[] transpose(double[] w, int rows, int cols) {
        double[] t = new double[w.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j];
        return t;
    }

    @Test
    void matMulAddResidualAndGemmWithoutTransposeMapOntoTheSameDagAsTheirForwardPass(@TempDir Path dir) throws IOException {
        // x(12) -MatMul+Add-> tanh h1(7) -Gemm(transB=0, alpha 0.5)-> +Add(h1·W') -> tanh h2(5), then Gemm -> out(3) identity
        SplittableRandom r = new SplittableRandom(5);
        double[] w1 = r.doubles(7 * 12, -1, 1).toArray(), b1 = r.doubles(7, -1, 1).toArray();
        double[] w2 = r.doubles(5 * 7, -1, 1).toArray(), w2s = r.doubles(5 * 7, -1, 1).toArray(), b2 = r.doubles(5, -1, 1).toArray();
        double[] w3 = r.doubles(3 * 5, -1, 1).toArray(), b3 = r.doubles(3, -1, 1).toArray();
        for (double[] a : new double[][]{w1, b1, w2, w2s, b2, w3, b3}) for (int i = 0; i < a.length; i++) a[i] = (float) a[i];
        GraphProto g = GraphProto.newBuilder().addInput(input("x", 12))
                .addInitializer(floats("W1t", new int[]{12, 7}, transpose(w1, 7, 12))).addInitializer(floats("b1", new int[]{7}, b1))
                .addInitializer(floats("W2t", new int[]{7, 5}, transpose(w2, 5, 7))).addInitializer(floats("W2s", new int[]{5, 7}, w2s))
                .addInitializer(floats("b2", new int[]{5}, b2))
                .addInitializer(floats("W3", new int[]{3, 5}, w3)).addInitializer(floats("b3", new int[]{3}, b3))
                .addNode(node("MatMul", "mm1", "z1a", "x", "W1t")).addNode(node("Add", "add1", "z1", "z1a", "b1"))
                .addNode(node("Tanh", "t1", "h1", "z1"))
                .addNode(node("Gemm", "g2", "z2a", "h1", "W2t", "b2").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF(0.5f)).build())
                .addNode(node("Gemm", "g2s", "z2b", "h1", "W2s").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)).build())
                .addNode(node("Add", "add2", "z2", "z2a", "z2b")).addNode(node("Tanh", "t2", "h2", "z2"))
                .addNode(node("Gemm", "g3", "y", "h2", "W3", "b3").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)).build())
                .addOutput(input("y", 3)).build();
        Path f = dir.resolve("m.onnx");
        Files.write(f, ModelProto.newBuilder().setIrVersion(7).setGraph(g).build().toByteArray());
        Network n = Onnx.read(f);
        assertEquals(NeuronLayout.of(12, 7, 5, 3), n.layout());
        assertEquals(Activation.TANH, n.hiddenActivation());
        assertEquals(Activation.IDENTITY, n.outputActivation());
        double[] x = inputs(4);
        double[] y = outputs(n, x, 4);
        for (int s = 0; s < 4; s++) {
            double[] h1 = new double[7], h2 = new double[5];
            for (int i = 0; i < 7; i++) {
                double z = b1[i];
                for (int j = 0; j < 12; j++) z += w1[i * 12 + j] * x[s * 12 + j];
                h1[i] = Math.tanh(z);
            }
            for (int i = 0; i < 5; i++) {
                double z = b2[i];
                for (int j = 0; j < 7; j++) z += (0.5 * w2[i * 7 + j] + w2s[i * 7 + j]) * h1[j];
                h2[i] = Math.tanh(z);
            }
            for (int i = 0; i < 3; i++) {
                double z = b3[i];
                for (int j = 0; j < 5; j++) z += w3[i * 5 + j] * h2[j];
                assertEquals(z, y[s * 3 + i], 1e-12);
            }
        }
    }

    @Test
    void residualAddOfAGroupIsAnIdentityBlock(@TempDir Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(6);
        double[] w1 = r.doubles(6 * 6, -1, 1).toArray(), w2 = r.doubles(6 * 6, -1, 1).toArray(), w3 = r.doubles(2 * 6, -1, 1).toArray();
        GraphProto g = GraphProto.newBuilder().addInput(input("x", 6))
                .addInitializer(floats("W1", new int[]{6, 6}, w1)).addInitializer(floats("W2", new int[]{6, 6}, w2))
                .addInitializer(floats("W3", new int[]{6, 2}, w3))
                .addNode(node("MatMul", "m1", "z1", "x", "W1")).addNode(node("Relu", "r1", "h1", "z1"))
                .addNode(node("MatMul", "m2", "z2", "h1", "W2")).addNode(node("Add", "res", "z2r", "z2", "h1"))
                .addNode(node("Relu", "r2", "h2", "z2r")).addNode(node("MatMul", "m3", "y", "h2", "W3"))
                .addOutput(input("y", 2)).build();
        Path f = dir.resolve("res.onnx");
        Files.write(f, ModelProto.newBuilder().setGraph(g).build().toByteArray());
        Network n = Onnx.read(f);
        assertEquals(Activation.RELU, n.hiddenActivation());
        Block id = n.weights().blocks().stream().filter(b -> b.from() == 1 && b.to() == 2).findFirst().orElseThrow();
        // MatMul's right factor is [in, out]: block 1->2 is W2ᵀ, plus the identity of the residual on its diagonal
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) assertEquals((float) w2[j * 6 + i] + (i == j ? 1.0 : 0.0), id.get(i, j), 0);
        assertEquals(3, n.weights().blocks().size());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void unsupportedOperatorNamesTheOpAndNode(@TempDir Path dir) throws IOException {
        GraphProto g = GraphProto.newBuilder().addInput(input("x", 4))
                .addInitializer(floats("W", new int[]{3, 4}, new double[12]))
                .addNode(node("Gemm", "fc", "z", "x", "W").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)).build())
                .addNode(node("Softmax", "/head/Softmax", "y", "z")).addOutput(input("y", 3)).build();
        Path f = dir.resolve("softmax.onnx");
        Files.write(f, ModelProto.newBuilder().setGraph(g).build().toByteArray());
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f, Activation.TANH, Activation.IDENTITY));
        assertTrue(e.getMessage().contains("/head/Softmax") && e.getMessage().contains("Softmax is not supported") && e.getMessage().contains(f.toString()),
                e.getMessage());
    }

    @Test
    void mixedHiddenActivationsAreRefused(@TempDir Path dir) throws IOException {
        GraphProto g = GraphProto.newBuilder().addInput(input("x", 4))
                .addInitializer(floats("W1", new int[]{4, 4}, new double[16])).addInitializer(floats("W2", new int[]{4, 4}, new double[16]))
                .addInitializer(floats("W3", new int[]{4, 2}, new double[8]))
                .addNode(node("MatMul", "a", "z1", "x", "W1")).addNode(node("Tanh", "t", "h1", "z1"))
                .addNode(node("MatMul", "b", "z2", "h1", "W2")).addNode(node("Relu", "r", "h2", "z2"))
                .addNode(node("MatMul", "c", "y", "h2", "W3")).addOutput(input("y", 2)).build();
        Path f = dir.resolve("mixed.onnx");
        Files.write(f, ModelProto.newBuilder().setGraph(g).build().toByteArray());
        var e = assertThrows(ModelFormatException.class, () -> Onnx.read(f));
        assertTrue(e.getMessage().contains("TANH and RELU"), e.getMessage());
    }

    @Test
    void shapesThatDoNotChainAreNamed(@TempDir Path dir) throws IOException {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("0.weight", new Tensor("0.weight", new int[]{5, 12}, new double[60]));
        sd.put("2.weight", new Tensor("2.weight", new int[]{3, 4}, new double[12]));
        Path f = dir.resolve("m.npz");
        Npz.write(f, sd);
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f, Activation.TANH, Activation.IDENTITY));
        assertTrue(e.getMessage().contains("do not chain") && e.getMessage().contains("'2.weight'") && e.getMessage().contains("'0.weight' gives 5"), e.getMessage());
        // ONNX: a Gemm whose weight does not fit its input
        GraphProto g = GraphProto.newBuilder().addInput(input("x", 4)).addInitializer(floats("W", new int[]{3, 5}, new double[15]))
                .addNode(node("Gemm", "fc1", "y", "x", "W").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)).build())
                .addOutput(input("y", 3)).build();
        Path o = dir.resolve("bad.onnx");
        Files.write(o, ModelProto.newBuilder().setGraph(g).build().toByteArray());
        var e2 = assertThrows(ModelFormatException.class, () -> Onnx.read(o));
        assertTrue(e2.getMessage().contains("'fc1'") && e2.getMessage().contains("do not chain"), e2.getMessage());
    }

    @Test
    void nanAndInfWeightsNameTheTensor(@TempDir Path dir) throws IOException {
        Network n = randomNet(7, Activation.TANH, Activation.IDENTITY);
        Map<String, Tensor> sd = SequentialStateDict.fromNetwork(n);
        sd.get("2.weight").data()[4] = Double.NaN;
        Path f = dir.resolve("nan.npz");
        Npz.write(f, sd);
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f, Activation.TANH, Activation.IDENTITY));
        assertTrue(e.getMessage().contains("'2.weight'") && e.getMessage().contains("NaN"), e.getMessage());
        sd.get("2.weight").data()[4] = 0;
        sd.get("4.bias").data()[1] = Double.POSITIVE_INFINITY;
        Path s = dir.resolve("inf.safetensors");
        Files.write(s, safetensors(sd, "F64"));
        var e2 = assertThrows(ModelFormatException.class, () -> ModelFiles.read(s, Activation.TANH, Activation.IDENTITY));
        assertTrue(e2.getMessage().contains("'4.bias'") && e2.getMessage().contains("Infinity"), e2.getMessage());
    }

    @Test
    void truncatedFilesOfEachFormatAreRefusedWithAMessage(@TempDir Path dir) throws IOException {
        Network n = randomNet(8, Activation.TANH, Activation.IDENTITY);
        Path npz = dir.resolve("m.npz"), onnx = dir.resolve("m.onnx"), st = dir.resolve("m.safetensors");
        Npz.write(npz, SequentialStateDict.fromNetwork(n));
        Onnx.write(n, onnx, "t");
        Files.write(st, safetensors(SequentialStateDict.fromNetwork(n), "F32"));
        for (Path p : new Path[]{npz, onnx, st}) {
            byte[] all = Files.readAllBytes(p);
            for (int cut : new int[]{all.length / 2, all.length - 3, 5}) {
                Path t = dir.resolve("cut" + cut + "-" + p.getFileName());
                Files.write(t, Arrays.copyOf(all, cut));
                var e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(t, Activation.TANH, Activation.IDENTITY), t.toString());
                assertTrue(e.getMessage().startsWith(t.toString()), e.getMessage());
            }
        }
    }

    @Test
    void aFileThatIsNotTheFormatItClaimsIsRefused(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(text, Activation.TANH, Activation.IDENTITY));
        assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
        Path npz = dir.resolve("m.npz");
        Npz.write(npz, SequentialStateDict.fromNetwork(randomNet(9, Activation.TANH, Activation.IDENTITY)));
        Path renamed = dir.resolve("m.safetensors");
        Files.copy(npz, renamed);
        var e2 = assertThrows(ModelFormatException.class, () -> ModelFiles.read(renamed, Activation.TANH, Activation.IDENTITY));
        assertTrue(e2.getMessage().contains("zip archive"), e2.getMessage());
        Path fake = dir.resolve("fake.npz");
        Files.writeString(fake, "{}");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.read(fake, Activation.TANH, Activation.IDENTITY))
                .getMessage().contains("not a NumPy .npz"));
        Path pt = dir.resolve("model.pt");
        Files.writeString(pt, "x");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.read(pt, Activation.TANH, Activation.IDENTITY))
                .getMessage().contains("unknown extension"));
        Map<String, Tensor> odd = new LinkedHashMap<>();
        odd.put("encoder.weight", new Tensor("encoder.weight", new int[]{2, 2}, new double[4]));
        Path on = dir.resolve("odd.npz");
        Npz.write(on, odd);
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.read(on, Activation.TANH, Activation.IDENTITY))
                .getMessage().contains("'encoder.weight' does not follow the nn.Sequential naming"));
    }

    @Test
    void float32NpyAndFortranOrderAreRead() {
        // a hand-made NPY 1.0 float32 array in Fortran order: [[1, 2, 3], [4, 5, 6]] stored column-major
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : new float[]{1, 4, 2, 5, 3, 6}) b.putFloat(v);
        Tensor t = Npz.parseNpy(Path.of("x.npz"), "w", b.array());
        assertArrayEquals(new int[]{2, 3}, t.shape());
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, t.data(), 0);
        assertEquals(1.0, Safetensors.half((short) 0x3c00), 0);
        assertEquals(-2.0, Safetensors.half((short) 0xc000), 0);
        assertTrue(ByteString.EMPTY.isEmpty());
    }
}
