package org.thermolearn.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small .tar.gz files by hand (ustar headers), independently of the code under test. */
final class TarTestSupport {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    TarTestSupport file(String name, byte[] content) {
        return entry(name, content, '0', null);
    }

    /** A ustar entry whose name is split into prefix (offset 345) and name (offset 0). */
    TarTestSupport fileWithPrefix(String prefix, String name, byte[] content) {
        return entry(name, content, '0', prefix);
    }

    /** A pax extended header giving the next entry's path, then the entry under a dummy name. */
    TarTestSupport paxFile(String longPath, byte[] content) {
        String rec = " path=" + longPath + "\n";
        int len = rec.length() + 2;
        String full = len + rec;
        if (full.length() != len) {
            len = full.length();
            full = len + rec;
        }
        entry("PaxHeader/x", full.getBytes(StandardCharsets.UTF_8), 'x', null);
        return entry("dummy-name", content, '0', null);
    }

    TarTestSupport directory(String name) {
        return entry(name, new byte[0], '5', null);
    }

    private TarTestSupport entry(String name, byte[] content, char type, String prefix) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0001750");
        put(h, 116, "0001750");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, String.format("%011o", 1_400_000_000L));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        if (prefix != null) {
            put(h, 345, prefix);
        }
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        tar.writeBytes(h);
        tar.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        tar.writeBytes(new byte[pad]);
        return this;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    Path writeTo(Path file) throws IOException {
        tar.writeBytes(new byte[1024]);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(tar.toByteArray());
        }
        return file;
    }
}
