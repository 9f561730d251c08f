package io.netrare.ingest.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths a file source is given: plain files, directories, and glob patterns over path segments. */
public final class FilePatterns {

    private static final String GLOB_CHARS = "*?[{";

    private FilePatterns() {
    }

    /** A plain path (a directory: its regular files) or a glob pattern over path segments. */
    static List<Path> expand(Path pattern) throws IOException {
        String text = pattern.toString();
        int glob = firstGlobChar(text);
        if (glob < 0) {
            if (Files.isDirectory(pattern)) {
                try (Stream<Path> s = Files.walk(pattern)) {
                    return s.filter(p -> !p.equals(pattern) && !p.getFileName().toString().startsWith("."))
                            .sorted().toList();
                }
            }
            return Files.exists(pattern, LinkOption.NOFOLLOW_LINKS) ? List.of(pattern) : List.of();
        }
        int slash = text.lastIndexOf('/', glob);
        Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : text.substring(0, slash));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        int depth = (int) text.substring(slash + 1).chars().filter(c -> c == '/').count() + 1;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + text);
        Path absBase = slash < 0 ? Path.of("") : base;
        try (Stream<Path> s = Files.walk(base, depth)) {
            return s.filter(p -> p.getNameCount() > 0 && matcher.matches(slash < 0 ? absBase.resolve(base.relativize(p)) : p))
                    .sorted().toList();
        }
    }

    /**
     * The first of {@code inputs} that is a plain path to nothing, if any: a typo must not read nothing. A glob
     * pattern may match nothing yet and is never reported.
     */
    public static java.util.Optional<Path> firstMissing(java.util.Collection<Path> inputs) {
        for (Path p : inputs) {
            if (firstGlobChar(p.toString()) < 0 && !Files.exists(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (GLOB_CHARS.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
