package dev.briefing.ingest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The article files under a directory, sorted by path. Symbolic links to directories are not
 * followed, so a link loop cannot make the walk run forever. A link to a file is read only when
 * the file it leads to (every link on the way resolved) is inside the directory given: a link
 * in an inbox to {@code /etc/passwd} or a private file elsewhere is skipped, with one line.
 */
final class DirectoryWalker {
    static final Set<String> EXTENSIONS = Set.of("txt", "md", "markdown", "html", "htm");

    private DirectoryWalker() {
    }

    /** The files found, plus one warning for each entry that could not be visited. */
    record Found(List<Path> files, List<String> warnings) {
        Found {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }
    }

    static Found walk(Path root) {
        List<Path> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path inside;
        try {
            inside = root.toRealPath();
        } catch (IOException e) {
            return new Found(List.of(), List.of("skipped " + root + ": " + Ingestor.reason(e)));
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // The root was named by the user, so it counts even if it is hidden.
                    return !dir.equals(root) && isHidden(dir)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (isHidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink() && Files.isDirectory(file)) {
                        // Said once, so a user missing files knows why.
                        warnings.add("skipped " + file + ": symbolic link to a directory, not followed");
                    } else if (attrs.isSymbolicLink() && hasArticleExtension(file) && leadsOutside(file, inside)) {
                        warnings.add("skipped " + file + ": symbolic link to a file outside " + root
                                + ", not followed (name the file itself to read it)");
                    } else if (hasArticleExtension(file) && attrs.isOther()) {
                        warnings.add("skipped " + file + ": " + Ingestor.NOT_REGULAR);
                    } else if (hasArticleExtension(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    warnings.add("skipped " + file + ": " + Ingestor.reason(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // walkFileTree only throws when a visitor method does; ours never do.
            warnings.add("skipped " + root + ": " + Ingestor.reason(e));
        }
        files.sort(null);
        return new Found(files, warnings);
    }

    /** A link whose target is known and outside; a dangling link or a loop is left to the read to name. */
    private static boolean leadsOutside(Path link, Path inside) {
        try {
            return !link.toRealPath().startsWith(inside);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean hasArticleExtension(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
