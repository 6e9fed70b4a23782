package org.thermolearn.core.model;

import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a saved model of any supported format as a generalised network: ONNX ({@code .onnx}), NumPy
 * ({@code .npz}) or safetensors ({@code .safetensors}), chosen by the file name's extension. The activations
 * are used for the state_dict formats, which do not store them; an ONNX file names its own.
 */
public final class ModelFiles {

    /** The formats read. */
    public enum Format { ONNX, NPZ, SAFETENSORS }

    private ModelFiles() { }

    /** The format of a file by its extension. */
    public static Format formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".onnx")) return Format.ONNX;
        if (n.endsWith(".npz")) return Format.NPZ;
        if (n.endsWith(".safetensors")) return Format.SAFETENSORS;
        throw new ModelFormatException(file, "has an unknown extension; ThermoLearn reads .onnx (torch.onnx.export), "
                + ".npz (numpy.savez of a state_dict) and .safetensors (a state_dict)");
    }

    /** Reads {@code file}; hidden and output activations apply to .npz and .safetensors only. */
    public static Network read(Path file, Activation hidden, Activation output) {
        if (!Files.isRegularFile(file)) throw new ModelFormatException(file, "does not exist or is not a file; check the path");
        Format f = formatOf(file);
        checkMagic(file, f);
        return switch (f) {
            case ONNX -> Onnx.read(file);
            case NPZ -> SequentialStateDict.toNetwork(file, Npz.read(file), hidden, output);
            case SAFETENSORS -> SequentialStateDict.toNetwork(file, Safetensors.read(file), hidden, output);
        };
    }

    /** Refuses a file whose first bytes belong to another of the three formats, naming the one it is. */
    static void checkMagic(Path file, Format claimed) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (claimed != Format.NPZ && zip) {
            throw new ModelFormatException(file, "is a zip archive (a NumPy .npz or a torch.save file), not " + claimed.name().toLowerCase(Locale.ROOT)
                    + "; rename it to .npz if it is numpy.savez output, or save the model as ONNX or safetensors");
        }
        if (claimed == Format.NPZ && !zip) {
            throw new ModelFormatException(file, "is not a NumPy .npz archive (it does not start like a zip file); "
                    + "save the state_dict with numpy.savez, or give the file its real extension");
        }
    }
}
