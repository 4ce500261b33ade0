package dev.nightshift.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader sees the old content or the new one, never half of it: into a
 * temporary file beside it, forced to the disk, then renamed over it. A full disk (or any failed
 * write) leaves the old file as it was, removes the temporary one, and says which file it was.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On the disk before the rename: a machine that dies right after keeps a whole file.
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("could not write " + file + " (" + reason(e) + ")"
                    + (Files.exists(file) ? "; its previous version is kept" : "; nothing was written"), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String reason(IOException e) {
        String message = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        return message != null ? message : e.getClass().getSimpleName();
    }
}
