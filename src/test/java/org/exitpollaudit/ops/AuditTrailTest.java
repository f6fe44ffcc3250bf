package org.exitpollaudit.ops;

import static org.exitpollaudit.testing.TestPackages.capture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.report.ReportPublisher;
import org.exitpollaudit.testing.TestPackages.Launch;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an auditor relies on: history, verify, and the same bytes from the same inputs. */
class AuditTrailTest {

    @TempDir
    Path tmp;

    private static Launch launch(String... args) {
        return capture(() -> ExitPollAuditApplication.run(args));
    }

    @Test
    void historyListsRunsAndANewReleaseGivesANewReport() throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, tmp.resolve("pkg"));
        Path out = tmp.resolve("out");
        assertEquals(0, launch("--input=" + pkg, "--output=" + out).code());
        Path first = out.resolve("az-2024-presidential/latest").toRealPath();

        // a new CEC release dropped into the package: a new run, a new folder, latest moves once it is complete
        TestPackages.write(pkg, "official/cec-prelim-3.csv", "Ilham Aliyev,Zahid Oruj,Fazil Mustafa,Gudrat Hasanguliyev,"
                + "Razi Nurullayev,Elshad Musayev,Fuad Aliyev\n92.1,2.18,1.99,1.73,0.8,0.66,0.54\n");
        TestPackages.write(pkg, "sources.csv", TestPackages.read(pkg, "sources.csv")
                + "cec-prelim-3,official,Central Election Commission of Azerbaijan,2024-02-09,national,percent,"
                + "official/cec-prelim-3.csv,,,,,99,false,valid,,\n");
        Launch second = launch("--input=" + pkg, "--output=" + out);
        assertEquals(0, second.code(), second.all());
        Path latest = out.resolve("az-2024-presidential/latest").toRealPath();
        assertTrue(!latest.equals(first) && Files.isDirectory(first), "new folder beside the old one");
        assertTrue(Files.readString(latest.resolve("figures.csv")).contains(",cec-prelim-3,"));

        Launch history = launch("history", "--output=" + out);
        assertEquals(0, history.code());
        String[] lines = history.out().strip().split("\n");
        assertEquals(3, lines.length, history.out());
        assertTrue(lines[0].contains("started") && lines[0].contains("fingerprint"), lines[0]);
        assertTrue(lines[1].contains("COMPLETED") && lines[1].contains(first.toString()), lines[1]);
        assertTrue(lines[2].contains("COMPLETED") && lines[2].contains(latest.toString()), lines[2]);
    }

    @Test
    void verifyRecomputesAndCatchesChangedReportsAndInputs() throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, tmp.resolve("pkg"));
        Path out = tmp.resolve("out");
        assertEquals(0, launch("--input=" + pkg, "--output=" + out).code());
        Path report = out.resolve("az-2024-presidential/latest").toRealPath();

        Launch ok = launch("verify", report.toString());
        assertEquals(0, ok.code(), ok.all());
        long figureCount = Files.readAllLines(report.resolve("figures.csv")).size() - 1;
        assertTrue(ok.out().contains("VERIFIED: all " + figureCount + " figures") && ok.out().contains("byte for byte"),
                ok.out());

        // a figure edited by hand after the fact
        Path figures = report.resolve(ReportPublisher.FIGURES);
        Path saved = tmp.resolve("figures.saved");
        Files.copy(figures, saved);
        Files.writeString(figures, Files.readString(figures).replace("5012.0", "6012.0"));
        Launch tampered = launch("verify", report.toString());
        assertEquals(ExitCodes.FAILED, tampered.code());
        assertTrue(tampered.err().contains("figures.csv was changed after it was written"), tampered.err());
        Files.copy(saved, figures, StandardCopyOption.REPLACE_EXISTING);

        // an input corrected after the report: the report no longer follows from the package as it is
        TestPackages.replace(pkg, "exit-polls/src.csv", "92.4,2.2", "92.5,2.1");
        Launch changed = launch("verify", report.toString());
        assertEquals(ExitCodes.FAILED, changed.code());
        assertTrue(changed.err().contains("input exit-polls/src.csv has changed"), changed.err());

        // the recorded inputs kept elsewhere by the auditor: --input points verify at them
        Path kept = TestPackages.copy(TestPackages.AZ, tmp.resolve("kept"));
        Launch moved = launch("verify", report.toString(), "--input=" + kept);
        assertEquals(0, moved.code(), moved.all());

        assertEquals(ExitCodes.BAD_INPUT, launch("verify", tmp.toString()).code());
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, launch("--input=" + TestPackages.AZ, "--output=" + out).code());
        Path first = tmp.resolve("first");
        Files.move(out, first);
        assertEquals(0, launch("--input=" + TestPackages.AZ, "--output=" + out).code());
        for (String f : new String[] {"exit-poll-audit.xlsx", "figures.csv", "data-issues.csv", "manifest.json"}) {
            assertArrayEquals(Files.readAllBytes(first.resolve("az-2024-presidential/latest").resolve(f)),
                    Files.readAllBytes(out.resolve("az-2024-presidential/latest").resolve(f)), f);
        }
        // another output folder (a parameter recorded in the workbook and manifest): the figures still agree
        Path other = tmp.resolve("other");
        assertEquals(0, launch("--input=" + TestPackages.AZ, "--output=" + other).code());
        assertArrayEquals(Files.readAllBytes(first.resolve("az-2024-presidential/latest/figures.csv")),
                Files.readAllBytes(other.resolve("az-2024-presidential/latest/figures.csv")));
    }
}
