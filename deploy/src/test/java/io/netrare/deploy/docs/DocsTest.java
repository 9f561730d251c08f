package io.netrare.deploy.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs stand on their own: every page in docs/ is linked from the README, every relative link of a doc
 * reaches a file of the repository, and no doc leans on a document that is not in it.
 */
class DocsTest {

    private static final Path ROOT = Path.of("..");
    /** Phrases that point at documents outside the repository (planning notes, tickets, briefs). */
    private static final Pattern OUTSIDE = Pattern.compile(
            "(?i:\\b(this|the|that) (issue|brief|ticket)\\b)|\\bDESIGN\\b|§\\s*\\d");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void everyDocIsLinkedFromTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(docs()).isNotEmpty().allSatisfy(doc ->
                assertThat(readme).as("README links " + doc.getFileName())
                        .contains("](docs/" + doc.getFileName() + ")"));
    }

    @Test
    void thereIsOneBenchmarksPage() throws IOException {
        assertThat(docs()).extracting(p -> p.getFileName().toString()).filteredOn(n -> n.startsWith("bench"))
                .containsExactly("benchmarks.md");
    }

    @Test
    void noDocNamesADocumentOutsideTheRepository() throws IOException {
        List<Path> pages = new ArrayList<>(docs());
        pages.add(ROOT.resolve("README.md"));
        List<String> found = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = OUTSIDE.matcher(lines.get(i));
                if (m.find()) {
                    found.add(page.getFileName() + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void relativeLinksReachFilesOfTheRepository() throws IOException {
        List<Path> pages = new ArrayList<>(docs());
        pages.add(ROOT.resolve("README.md"));
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.getParent().resolve(target))) {
                    broken.add(page.getFileName() + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theCheckRecognisesWhatItLooksFor() {
        assertThat(OUTSIDE.matcher("as the issue asks").find()).isTrue();
        assertThat(OUTSIDE.matcher("see the brief").find()).isTrue();
        assertThat(OUTSIDE.matcher("(DESIGN §6)").find()).isTrue();
        assertThat(OUTSIDE.matcher("a known issue of Kafka, by design").find()).isFalse();
    }
}
