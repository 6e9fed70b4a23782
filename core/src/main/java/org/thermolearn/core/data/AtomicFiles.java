package org.thermolearn.core.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that it either appears whole or not at all: the content goes to a temporary
 * file in the same directory, is forced to disk, and is then renamed onto the final name with an
 * atomic move. A writer that fails (or a process that is killed) leaves no file under the final
 * name, so a half-written download can never later pass as a good one.
 */
public final class AtomicFiles {

    /** Prefix of temporary files, so that stale ones from a killed process are recognisable. */
    public static final String TEMP_PREFIX = ".thermolearn-partial-";

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Checks the temporary file after writing, before it is moved into place; throws to reject. */
    @FunctionalInterface
    public interface Check {
        void check(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically. */
    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, t -> { });
    }

    /**
     * Writes {@code target} atomically; {@code check} sees the complete temporary file and may
     * reject it by throwing, in which case the temporary file is deleted and nothing is moved.
     */
    public static void write(Path target, Writer writer, Check check) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(ch)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            check.check(temp);
            // createTempFile makes the file owner-only; a data cache may be shared by a group.
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
