package org.exitpollaudit.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The application's version and the source commit it was built from, as recorded at build time in
 * {@code META-INF/build-info.properties} (spring-boot-maven-plugin) and {@code git.properties}
 * (git-commit-id-maven-plugin). "unknown" where the build did not record them.
 */
public record AppVersion(String version, String commit, boolean dirty) {

    public static AppVersion current() {
        Properties build = load("META-INF/build-info.properties");
        Properties git = load("git.properties");
        return new AppVersion(build.getProperty("build.version", "unknown"),
                git.getProperty("git.commit.id.full", "unknown"), Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = AppVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // absent build metadata is reported as "unknown"
        }
        return p;
    }

    /** "0.1.0 (commit 2d8d100…)" for people. */
    public String describe() {
        return version + " (commit " + (commit.length() > 12 ? commit.substring(0, 12) : commit)
                + (dirty ? ", with uncommitted changes" : "") + ")";
    }
}
