package dev.nightshift.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reading files that an agent could have written, without being led elsewhere: no symbolic link is
 * followed (neither the file nor a folder on its way from the root), and nothing larger than a
 * limit is read. A link planted there could otherwise make nightshift read, or delete, the owner's
 * files as if they were the agent's.
 */
public final class WorkingCopyFiles {

    private WorkingCopyFiles() {
    }

    /**
     * The text of {@code root/relative} when it is a regular file reached through real folders
     * only, no larger than {@code maxBytes}, and valid UTF-8; else empty.
     */
    public static Optional<String> readText(Path root, String relative, long maxBytes) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !realFoldersTo(root, file) || !isRegularFile(file)) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() > maxBytes) {
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes((int) maxBytes + 1);
            }
            if (bytes.length > maxBytes) {
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The regular files directly inside {@code root/relative}, when that is a real folder reached
     * through real folders only; links and anything else are left out.
     */
    public static List<Path> regularFilesIn(Path root, String relative) {
        Path dir = root.resolve(relative).normalize();
        if (!dir.startsWith(root) || !realFoldersTo(root, dir)
                || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(dir)) {
            listed.filter(WorkingCopyFiles::isRegularFile).sorted().forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        return files;
    }

    /**
     * Deletes {@code path} and everything under it without following a link: a link is removed,
     * never what it points to.
     */
    public static void deleteTree(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not delete " + path, e);
        }
    }

    /**
     * Whether {@code folder} and every folder between {@code base} (exclusive, which may itself be
     * a link the owner made) and it are real folders: a working copy the agent replaced with a
     * link to elsewhere is not read.
     */
    public static boolean isRealFolderUnder(Path base, Path folder) {
        Path from = base.toAbsolutePath().normalize();
        Path to = folder.toAbsolutePath().normalize();
        if (!to.startsWith(from) || to.equals(from)) {
            return false;
        }
        Path at = from;
        for (Path name : from.relativize(to)) {
            at = at.resolve(name);
            if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /** A regular file itself, not a link to one. */
    public static boolean isRegularFile(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    /** Every folder between {@code root} (exclusive) and {@code path} (exclusive) is a real folder, not a link. */
    private static boolean realFoldersTo(Path root, Path path) {
        Path at = root;
        Path relative = root.relativize(path);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            at = at.resolve(relative.getName(i));
            if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }
}
