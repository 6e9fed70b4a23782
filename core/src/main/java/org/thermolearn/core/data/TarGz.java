package org.thermolearn.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Extracts chosen entries from a {@code .tar.gz} (such as an npm package tarball) with the JDK
 * alone: 512-byte tar headers (name at offset 0, octal size at offset 124, ustar prefix at 345,
 * pax {@code path} records and GNU long names honoured), each wanted entry written
 * {@linkplain AtomicFiles atomically} and checked against its expected size and SHA-256 before
 * it is moved into place. Only the entries named are written, and only to the paths given, so
 * a hostile archive cannot write elsewhere.
 */
public final class TarGz {

    private static final int BLOCK = 512;

    /**
     * Where a wanted entry goes and what it must be.
     *
     * @param target final path of the extracted file
     * @param size   expected size in bytes, or -1 not to check
     * @param sha256 expected SHA-256 (lower-case hex), or null not to check
     */
    public record Expected(Path target, long size, String sha256) {
    }

    private TarGz() {
    }

    /**
     * Extracts the entries named in {@code wanted} (full names inside the archive, e.g.
     * {@code package/data/train-images-idx3-ubyte}).
     *
     * @throws DataUnavailableException when an entry is missing, the archive is damaged, or an
     *                                  entry's size or SHA-256 differs from the expected one (the
     *                                  bad temporary file is deleted, the final name never appears)
     */
    public static void extract(Path archive, Map<String, Expected> wanted) {
        Set<String> found = new HashSet<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            byte[] h = new byte[BLOCK];
            String longName = null;
            while (true) {
                int n = in.readNBytes(h, 0, BLOCK);
                if (n == 0 || isZero(h)) {
                    break;
                }
                if (n < BLOCK) {
                    throw damaged(archive, "a 512-byte tar header", n + " bytes at the end");
                }
                long size = parseSize(archive, h);
                char type = (char) h[156];
                String name = longName != null ? longName : headerName(h);
                longName = null;
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (type == 'x' || type == 'L') {
                    byte[] meta = readExactly(archive, in, size);
                    skipFully(archive, in, padded - size);
                    longName = type == 'L' ? cString(meta, 0, meta.length) : paxPath(meta);
                    continue;
                }
                Expected exp = (type == '0' || type == 0) ? wanted.get(name) : null;
                if (exp != null) {
                    writeEntry(archive, name, in, size, exp);
                    found.add(name);
                    skipFully(archive, in, padded - size);
                } else {
                    skipFully(archive, in, padded);
                }
            }
        } catch (ChecksumException e) {
            throw new DataUnavailableException(archive, e.getMessage() + " Fetch again (a transfer error), or place "
                    + "the files by hand.", e);
        } catch (ZipException | java.io.EOFException e) {
            throw damaged(archive, "a complete gzip stream", "a damaged or truncated one (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DataUnavailableException(archive, archive + ": cannot read or extract (" + e + "). Check free disk "
                    + "space and that the target directory is writable.", e);
        }
        Set<String> missing = new TreeSet<>(wanted.keySet());
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new DataUnavailableException(archive, archive + ": expected entries " + missing + " in the archive, found "
                    + "none of that name. The package is not the expected one; place the files by hand instead.");
        }
    }

    private static void writeEntry(Path archive, String name, InputStream in, long size, Expected exp) throws IOException {
        MessageDigest md = Checksums.sha256();
        long[] written = {0};
        AtomicFiles.write(exp.target(), out -> {
            byte[] buf = new byte[1 << 16];
            long left = size;
            OutputStream dout = new DigestOutputStream(out, md);
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    throw new java.io.EOFException("entry " + name + " ends after " + (size - left) + " of " + size + " bytes");
                }
                dout.write(buf, 0, r);
                left -= r;
                written[0] += r;
            }
            dout.flush();
        }, temp -> {
            if (exp.size() >= 0 && written[0] != exp.size()) {
                throw new ChecksumException(archive + " entry " + name + ": size: expected " + exp.size() + " bytes, found "
                        + written[0] + " bytes. The download is not the published file; it was discarded.");
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (exp.sha256() != null && !exp.sha256().equalsIgnoreCase(got)) {
                throw new ChecksumException(archive + " entry " + name + ": SHA-256: expected " + exp.sha256() + ", found "
                        + got + ". The download is not the published file; it was discarded.");
            }
        });
    }

    /** Signals a checksum or size mismatch from inside the atomic write's check. */
    static final class ChecksumException extends IOException {
        private static final long serialVersionUID = 1L;

        ChecksumException(String message) {
            super(message);
        }
    }

    static long parseSize(Path archive, byte[] h) {
        if ((h[124] & 0x80) != 0) {
            // GNU base-256 encoding for sizes of 8 GiB and more.
            long v = h[124] & 0x7F;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        boolean any = false;
        for (int i = 124; i < 136; i++) {
            int c = h[i];
            if (c == 0 || c == ' ') {
                if (any) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw damaged(archive, "an octal entry size at header offset 124", "byte 0x" + Integer.toHexString(c & 0xFF));
            }
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        if (ustar && h[345] != 0) {
            name = cString(h, 345, 155) + "/" + name;
        }
        return name;
    }

    private static String paxPath(byte[] meta) {
        // Records are "<len> <key>=<value>\n".
        String s = new String(meta, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int sp = s.indexOf(' ', i);
            if (sp < 0) {
                break;
            }
            int len = Integer.parseInt(s.substring(i, sp).trim());
            String rec = s.substring(sp + 1, Math.min(s.length(), i + len - 1));
            if (rec.startsWith("path=")) {
                return rec.substring(5);
            }
            i += len;
        }
        return null;
    }

    private static String cString(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readExactly(Path archive, InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw damaged(archive, "a tar metadata entry under 1 MiB", size + " bytes");
        }
        byte[] b = in.readNBytes((int) size);
        if (b.length < size) {
            throw damaged(archive, size + " bytes of tar metadata", b.length + " bytes");
        }
        return b;
    }

    private static void skipFully(Path archive, InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw damaged(archive, n + " more bytes of entry data", "the end of the archive");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static DataUnavailableException damaged(Path archive, String expected, String found) {
        return new DataUnavailableException(archive, archive + ": tar archive: expected " + expected + ", found " + found
                + ". The download is damaged: delete it and fetch again, or place the files by hand.");
    }
}
