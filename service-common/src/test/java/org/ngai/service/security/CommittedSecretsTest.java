package org.ngai.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No password of the services' accounts is committed (docs/deployment.md, "Who may change a run"): in
 * every service's application.properties, in docker-compose.yml and in deploy/*.env, each value of an
 * account password is a reference to the environment with no literal default, and no other realm
 * (Quarkus embedded users) is configured.
 */
class CommittedSecretsTest {
    /** {@code ${NAME}}, {@code ${NAME:}} (properties) or {@code ${NAME:?message}}, {@code ${NAME:-}} (compose). */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*(:|:\\?[^}]*|:-)?}");

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.exists(p.resolve("docker-compose.yml")) && Files.exists(p.resolve("service-common")))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return p;
    }

    static List<Path> configFiles(Path repo) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(repo)) {
            for (Path module : s.filter(Files::isDirectory).toList()) {
                Path props = module.resolve("src/main/resources/application.properties");
                if (Files.exists(props)) {
                    files.add(props);
                }
            }
        }
        files.add(repo.resolve("docker-compose.yml"));
        try (Stream<Path> s = Files.list(repo.resolve("deploy"))) {
            s.filter(f -> f.getFileName().toString().endsWith(".env")).forEach(files::add);
        }
        return files;
    }

    /** Problems in one file's text: account passwords that are not pure environment references. */
    static List<String> problems(String name, String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n");
        // properties: ngai.security.<account>.password=VALUE; compose: NGAI_*_PASSWORD: VALUE; env files: NGAI_*_PASSWORD=VALUE
        Pattern assignment = Pattern.compile("^\\s*(ngai\\.security\\.[a-z-]+\\.password|NGAI_[A-Z_]*PASSWORD|"
                + "quarkus\\.security\\.users\\.[^=\\s]*)\\s*[:=]\\s*(.*?)\\s*$");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.trim().startsWith("#")) {
                continue;
            }
            Matcher m = assignment.matcher(line);
            if (!m.find()) {
                continue;
            }
            String key = m.group(1);
            String value = m.group(2).replaceAll("^\"|\"$", "");
            if (key.startsWith("quarkus.security.users.")) {
                out.add(name + ":" + (i + 1) + ": " + key + " configures a realm with committed users; accounts come from the environment");
            } else if (!ENV_REFERENCE.matcher(value).matches()) {
                out.add(name + ":" + (i + 1) + ": " + key + " must be an environment reference without a default, not '" + value + "'");
            }
        }
        return out;
    }

    @Test
    void noAccountPasswordIsCommitted() throws IOException {
        Path repo = repo();
        List<Path> files = configFiles(repo);
        assertThat(files).as("config files").hasSizeGreaterThanOrEqualTo(6);
        List<String> problems = new ArrayList<>();
        int references = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            problems.addAll(problems(repo.relativize(f).toString(), text));
            references += (int) Pattern.compile("NGAI_OPERATOR_PASSWORD").matcher(text).results().count();
        }
        assertThat(problems).isEmpty();
        // the four services and compose do wire the operator password from the environment
        assertThat(references).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theScanCatchesLiteralsAndDefaults() {
        assertThat(problems("a.properties", "ngai.security.operator.password=hunter2\n")).hasSize(1);
        assertThat(problems("a.properties", "ngai.security.operator.password=${NGAI_OPERATOR_PASSWORD:hunter2}\n")).hasSize(1);
        assertThat(problems("a.properties", "quarkus.security.users.embedded.users.alice=alice\n")).hasSize(1);
        assertThat(problems("docker-compose.yml", "      NGAI_OPERATOR_PASSWORD: ${NGAI_OPERATOR_PASSWORD:-changeme}\n")).hasSize(1);
        assertThat(problems("docker-compose.yml", "      NGAI_OPERATOR_PASSWORD: \"secret\"\n")).hasSize(1);
        assertThat(problems("service.env", "NGAI_VIEWER_PASSWORD=secret\n")).hasSize(1);
        assertThat(problems("a.properties", "ngai.security.operator.password=${NGAI_OPERATOR_PASSWORD:}\n")).isEmpty();
        assertThat(problems("docker-compose.yml", "      NGAI_OPERATOR_PASSWORD: ${NGAI_OPERATOR_PASSWORD:?set it}\n")).isEmpty();
        assertThat(problems("docker-compose.yml", "      NGAI_VIEWER_PASSWORD: ${NGAI_VIEWER_PASSWORD:-}\n")).isEmpty();
        assertThat(problems("a.properties", "# ngai.security.operator.password=hunter2\n")).isEmpty();
    }
}
