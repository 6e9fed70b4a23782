package org.thermolearn.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's safetensors format: an 8-byte little-endian unsigned header length n, n bytes of UTF-8 JSON
 * {@code {"NAME": {"dtype": "F32", "shape": [64, 784], "data_offsets": [begin, end]}, …, "__metadata__": {…}}},
 * then the raw little-endian tensor data, offsets relative to the end of the header. F32, F64, F16 and BF16
 * are read.
 */
public final class Safetensors {

    private Safetensors() { }

    public static Map<String, Tensor> read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        String fix = "; save the state_dict again as safetensors";
        if (b.length < 8) throw new ModelFormatException(file, "is not a safetensors file: " + b.length + " bytes, shorter than the 8-byte header length" + fix);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 1 || n > b.length - 8L) {
            throw new ModelFormatException(file, "is not a safetensors file, or is cut off: its first 8 bytes give a header of " + Long.toUnsignedString(n)
                    + " bytes, the file has " + (b.length - 8) + " after them" + fix);
        }
        JsonNode header;
        try {
            header = new ObjectMapper().readTree(new String(b, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelFormatException(file, "is not a safetensors file: its header is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")" + fix);
        }
        if (header == null || !header.isObject()) throw new ModelFormatException(file, "is not a safetensors file: its header is not a JSON object" + fix);
        int base = 8 + (int) n;
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        header.fields().forEachRemaining(e -> { if (!e.getKey().equals("__metadata__")) entries.add(e); });
        entries.sort(Comparator.comparingLong(e -> e.getValue().path("data_offsets").path(0).asLong()));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : entries) {
            String name = e.getKey();
            JsonNode t = e.getValue();
            String dtype = t.path("dtype").asText("");
            JsonNode sh = t.path("shape"), off = t.path("data_offsets");
            if (!sh.isArray() || !off.isArray() || off.size() != 2) {
                throw new ModelFormatException(file, "tensor '" + name + "' has no shape or data_offsets in the header" + fix);
            }
            int[] shape = new int[sh.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) { shape[i] = sh.get(i).asInt(); count *= shape[i]; }
            int size = switch (dtype) {
                case "F64" -> 8;
                case "F32" -> 4;
                case "F16", "BF16" -> 2;
                default -> throw new ModelFormatException(file, "tensor '" + name + "' has dtype " + dtype
                        + "; weights must be F32, F64, F16 or BF16 (convert the state_dict to float)");
            };
            long begin = off.get(0).asLong(), end = off.get(1).asLong();
            if (end - begin != count * size || begin < 0) {
                throw new ModelFormatException(file, "tensor '" + name + "': data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                        + " bytes but shape " + sh + " of " + dtype + " needs " + count * size + fix);
            }
            if (base + end > b.length) {
                throw new ModelFormatException(file, "is cut off: tensor '" + name + "' ends at byte " + (base + end) + " of a " + b.length + "-byte file" + fix);
            }
            ByteBuffer d = ByteBuffer.wrap(b, (int) (base + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            double[] v = new double[(int) count];
            for (int i = 0; i < count; i++) {
                v[i] = switch (dtype) {
                    case "F64" -> d.getDouble();
                    case "F32" -> d.getFloat();
                    case "F16" -> half(d.getShort());
                    default -> Float.intBitsToFloat((d.getShort() & 0xffff) << 16);
                };
            }
            out.put(name, new Tensor(name, shape, v));
        }
        if (out.isEmpty()) throw new ModelFormatException(file, "holds no tensors");
        return out;
    }

    /** IEEE 754 binary16 to double. */
    static double half(short h) {
        int s = (h >> 15) & 1, e = (h >> 10) & 0x1f, m = h & 0x3ff;
        double v;
        if (e == 0) v = m * Math.pow(2, -24);
        else if (e == 31) v = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        else v = (1 + m / 1024.0) * Math.pow(2, e - 15);
        return s == 1 ? -v : v;
    }
}
