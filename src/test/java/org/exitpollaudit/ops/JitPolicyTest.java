package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitPolicyTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsShortWhenAllTheFilesOfItsPackageTogetherStayWithinTheLimit() throws Exception {
        Files.write(dir.resolve("election.csv"), new byte[300]);
        Files.createDirectories(dir.resolve("results"));
        Files.write(dir.resolve("results/final.csv"), new byte[700]);
        // 300 + 700 = 1,000 bytes, counted through the sub-folder
        assertTrue(JitPolicy.isShortRun(dir, 1000));
        assertFalse(JitPolicy.isShortRun(dir, 999));
        assertTrue(JitPolicy.wanted(dir, "auto", 1000));
        assertFalse(JitPolicy.wanted(dir, "full", 1000), "-Depa.jit=full leaves the JIT alone");
        assertFalse(JitPolicy.wanted(dir, "auto", 999));
        // a long run keeps C2 until its report, unless the JIT is left alone or set by the launcher
        assertEquals(JitPolicy.Plan.FROM_START, JitPolicy.plan(dir, "auto", 1000));
        assertEquals(JitPolicy.Plan.FROM_REPORT, JitPolicy.plan(dir, "auto", 999));
        assertEquals(JitPolicy.Plan.NEVER, JitPolicy.plan(dir, "full", 999));
        assertEquals(JitPolicy.Plan.NEVER, JitPolicy.plan(dir, "launcher", 1000));
        // a symbolic link to the package is followed: its files count, not the link's own size
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        assertFalse(JitPolicy.isShortRun(link, 999));
        assertTrue(JitPolicy.isShortRun(link, 1000));
    }

    @Test
    void theDirectiveIsOneTheJvmAcceptsAndPrintsBack() throws Exception {
        String before = JitPolicy.diagnosticCommand("compilerDirectivesPrint", new String[0]);
        // the policy's own directive, taken off again at once so the rest of the tests keep C2
        JitPolicy.diagnosticCommand("compilerDirectivesAdd", JitPolicy.EXCLUDE_C2);
        String added;
        try {
            added = JitPolicy.diagnosticCommand("compilerDirectivesPrint", new String[0]);
        } finally {
            JitPolicy.diagnosticCommand("compilerDirectivesRemove", new String[0]);
        }
        // HotSpot prints the directives top first: ours, matching every method, with C2 excluded, then the default
        assertFalse(before.contains("Exclude:true"), before);
        String ours = added.substring(0, added.indexOf("Directive: (default)"));
        assertTrue(ours.contains("matching: *.*"), added);
        assertTrue(ours.substring(ours.indexOf("c2 directives")).contains("Exclude:true"), added);
        assertFalse(ours.substring(0, ours.indexOf("c2 directives")).contains("Exclude:true"), "C1 stays: " + added);
        assertEquals(before, JitPolicy.diagnosticCommand("compilerDirectivesPrint", new String[0]));
    }
}
