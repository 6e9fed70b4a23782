package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    private long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aWriterThatFailsMidwayLeavesNoFileAndNoTemporary() throws IOException {
        Path target = tmp.resolve("train-images-idx3-ubyte");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("connection reset (simulated)");
        }));
        assertEquals("connection reset (simulated)", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(0, filesIn(tmp));
    }

    @Test
    void aRejectedCheckKeepsTheOldFile() throws IOException {
        Path target = tmp.resolve("f");
        Files.write(target, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(new byte[] {9, 9}),
                temp -> {
                    assertEquals(2, Files.size(temp));
                    throw new IOException("hash mismatch (simulated)");
                }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(1, filesIn(tmp));
    }

    @Test
    void successReplacesTheFileWhole() throws IOException {
        Path target = tmp.resolve("sub/dir/f");
        AtomicFiles.write(target, out -> out.write(new byte[] {4, 5}));
        AtomicFiles.write(target, out -> out.write(new byte[] {6}));
        assertArrayEquals(new byte[] {6}, Files.readAllBytes(target));
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(target)), "readable by a group sharing the cache");
        }
        assertEquals(1, filesIn(target.getParent()));
    }
}
