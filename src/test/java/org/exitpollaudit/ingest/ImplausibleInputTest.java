package org.exitpollaudit.ingest;

import static org.exitpollaudit.testing.TestPackages.read;
import static org.exitpollaudit.testing.TestPackages.replace;
import static org.exitpollaudit.testing.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.testing.RunnerTest;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second corpus of broken packages, for the values inside them: figures no election can produce (more votes than
 * voters, 4.5E22 votes, shares adding up to 250 %, a sample of 1e400), impossible dates, unusable design effects,
 * candidates spelled like a results file's own columns, and text longer than the database, a sheet name or a cell
 * holds. Each case changes a copy of the embedded package. A problem with the final release or the manifest stops
 * the run (exit 2) with file, line and column; a problem with another source is an ERROR in data-issues.csv, the
 * value is not used, and the report is written (exit 0) without a NaN or a formula in it.
 */
class ImplausibleInputTest extends RunnerTest {

    private static final Path DIR = TestPackages.tempDir("epa-implausible");
    private static final String ELECTION = "az-2024-presidential";
    private static final String SOURCES_HEADER_COLUMNS = ",,,,,,,,,";

    private static int counter;

    /** The exit code, everything printed and where the report is published (if it is). */
    record Outcome(int code, String err, Path report) {
    }

    private Outcome run(Consumer<Path> breakIt) throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, DIR.resolve("case-" + (++counter)));
        breakIt.accept(pkg);
        Path output = DIR.resolve("out-" + counter);
        HostileInputTest.Outcome o = HostileInputTest.launch(runner, pkg, output);
        String all = o.out() + o.err();
        assertFalse(all.contains("\tat "), "no stack trace:\n" + all);
        return new Outcome(o.code(), all, output.resolve(ELECTION).resolve("latest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fatal")
    void badInputStopsWithExit2NamingFileLineAndColumn(Consumer<Path> breakIt, List<String> expected) throws Exception {
        Outcome o = run(breakIt);
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        for (String e : expected) {
            assertTrue(o.err().contains(e), "expected '" + e + "' in:\n" + o.err());
        }
        assertFalse(Files.exists(o.report()), "nothing is published");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loaded")
    void aBadValueIsListedAndNotUsedAndTheReportIsWritten(Consumer<Path> breakIt, List<String> expected)
            throws Exception {
        Outcome o = run(breakIt);
        String issues = Files.readString(o.report().resolve("data-issues.csv"));
        // a report is written; exit code 4 says that a whole source was left out, 0 that only values or rows were
        assertEquals(issues.contains(",SOURCE_NOT_USED,") ? ExitCodes.SOURCE_LEFT_OUT : ExitCodes.OK, o.code(),
                o.err());
        for (String e : expected) {
            assertTrue(issues.contains(e), "expected '" + e + "' in data-issues.csv:\n" + issues);
        }
        assertFalse(issues.contains("write 0 if the source reported zero") && issues.contains("#DIV/0!"), issues);
        HostileInputTest.noFormulaAnywhere(o.report());
        noNaNAnywhere(o.report());
    }

    private static Arguments testCase(String name, Consumer<Path> breakIt, String... expected) {
        return Arguments.of(Named.of(name, breakIt), List.of(expected));
    }

    static Stream<Arguments> fatal() {
        List<Arguments> c = new ArrayList<>();
        String aliyev = "official/cec-final.csv, line 2, column 'Aliyev Ilham Heydar oghlu'";
        // counts against the electorate: the final release is what every poll is compared with
        c.add(testCase("final release with a digit too many (45.7 M votes, 6.48 M registered)",
                p -> replace(p, "official/cec-final.csv", ",4567458,", ",45674580,"), aliyev,
                "45,674,580 is more than the 6,478,623 registered voters", "nothing to compare the polls with"));
        c.add(testCase("final release with 4.5E22 votes", p -> replace(p, "official/cec-final.csv", ",4567458,", ",4.5E22,"),
                aliyev, "more than 10 billion"));
        c.add(testCase("final release whose votes add up to more than the electorate, no count alone too large", p -> {
            String counts = "6478623,76.43,3300000,3000000,98421,85411,39643,32885,26517";
            write(p, "official/cec-final.csv", read(p, "official/cec-final.csv").lines().findFirst().orElseThrow()
                    + "\n" + counts + "\n");
        }, aliyev, "the votes add up to 6,582,877, more than the 6,478,623 registered voters"));
        c.add(testCase("final release over its own registered column when election.yaml has no electorate", p -> {
            replace(p, "election.yaml", "registered_voters: 6478623\n", "");
            replace(p, "official/cec-final.csv", "6478623,76.43,4567458", "478623,76.43,4567458");
        }, aliyev, "the votes add up to 4,957,967, more than the 478,623 registered voters (column 'registered')"));
        c.add(testCase("final release all zeros", p -> replace(p, "official/cec-final.csv",
                "4567458,107632,98421,85411,39643,32885,26517", "0,0,0,0,0,0,0"), aliyev, "every candidate's figure is 0"));
        c.add(testCase("final release of stations whose every row is zeros", p -> {
            // each row alone may be a station that did not open; together they leave nothing to compare
            stationFinal(p, "d1,s1,0,0,0,0,0,0,0\nd1,s2,0,0,0,0,0,0,0\n");
        }, "official/cec-final.csv: cec-final: the station rows add up to 0 votes for every candidate"));
        c.add(testCase("final release of stations whose every row is rejected", p -> {
            stationFinal(p, "d1,s1,-1,0,0,0,0,0,0\nd1,s2,9E99,1,1,1,1,1,1\n");
        }, "official/cec-final.csv: the final release cec-final has no usable station row",
                "official/cec-final.csv, line 2, column 'aliyev-ilham': row rejected: negative figure -1",
                "official/cec-final.csv, line 3, column 'aliyev-ilham': row rejected: the count 9.000e+99 is more than 10 billion"));
        c.add(testCase("final release with an overflowing count (1e400)", p -> replace(p,
                "official/cec-final.csv", ",26517", ",1e400"), "column 'Aliyev Fuad Aghasi oghlu'", "'1e400' is out of range"));
        c.add(testCase("final release with a spreadsheet error cell", p -> replace(p, "official/cec-final.csv", ",26517",
                ",#DIV/0!"), "column 'Aliyev Fuad Aghasi oghlu'", "spreadsheet error #DIV/0!", "a formula failed"));
        // candidates spelled like a results file's own columns
        c.add(testCase("candidate id 'valid'", p -> replace(p, "candidates.csv", "aliyev-fuad,Fuad", "valid,Fuad"),
                "candidates.csv, line 8, column 'candidate_id'", "'valid' is the name of a results file's own column"));
        c.add(testCase("candidate id 'registered'", p -> replace(p, "candidates.csv", "\noruj,", "\nregistered,"),
                "candidates.csv, line 3, column 'candidate_id'", "'registered' is the name"));
        c.add(testCase("candidate named 'Ballots_Cast'", p -> replace(p, "candidates.csv", ",Fuad Aliyev,", ",Ballots_Cast,"),
                "candidates.csv, line 8, column 'name'", "'Ballots_Cast' is the name of a results file's own column"));
        c.add(testCase("candidate alias 'turnout_pct'", p -> replace(p, "candidates.csv", "Musaev", "Musaev|turnout_pct"),
                "candidates.csv, line 7, column 'aliases'", "'turnout_pct' is the name"));
        c.add(testCase("candidate alias 'Other' (accented)", p -> replace(p, "candidates.csv", "Musaev", "Musaev|Óther"),
                "candidates.csv, line 7, column 'aliases'", "'Óther' is the name"));
        c.add(testCase("candidate alias 'station_id'", p -> replace(p, "candidates.csv", "Zahid Oruc", "Zahid Oruc|STATION_ID"),
                "candidates.csv, line 3, column 'aliases'", "'STATION_ID' is the name"));
        // ids too long for the job's stores
        c.add(testCase("95-character source id", p -> replace(p, "sources.csv", "\nrey,", "\n" + "r".repeat(95) + ","),
                "sources.csv, line 6, column 'source_id'", "the id is 95 characters long; at most 64"));
        c.add(testCase("65-character candidate id", p -> replace(p, "candidates.csv", "\nmustafa,", "\n" + "m".repeat(65)
                + ","), "candidates.csv, line 4, column 'candidate_id'", "65 characters long"));
        c.add(testCase("300-character election id", p -> replace(p, "election.yaml", "id: az-2024-presidential",
                "id: " + "a".repeat(300)), "election.yaml, column 'id'", "300 characters long"));
        c.add(testCase("2,000-character header that names nobody", p -> replace(p, "exit-polls/rey.csv", "Fuad Aliyev",
                "x".repeat(2000)), "exit-polls/rey.csv, line 1, column '" + "x".repeat(57) + "...': the header 'xxx"));
        // dates that do not exist
        c.add(testCase("election on 30 February", p -> replace(p, "election.yaml", "date: 2024-02-07", "date: 2024-02-30"),
                "election.yaml, column 'date'", "there is no day 30 in February 2024 (it has 29 days)"));
        c.add(testCase("election in month 13", p -> replace(p, "election.yaml", "date: 2024-02-07", "date: 2024-13-07"),
                "election.yaml, column 'date'", "there is no month 13"));
        c.add(testCase("poll published on 31 February", p -> replace(p, "sources.csv", "\nrey,exit_poll,\"\"\"Rey\"\" Monitoring"
                + " Center\",2024-02-07T19:00", "\nrey,exit_poll,\"\"\"Rey\"\" Monitoring Center\",2024-02-31T19:00"),
                "sources.csv, line 6, column 'published_at'", "there is no day 31 in February 2024"));
        c.add(testCase("release published on 29 February of a common year", p -> replace(p, "sources.csv",
                ",2024-02-11,national,votes,official/cec-final.csv", ",2023-02-29,national,votes,official/cec-final.csv"),
                "sources.csv, line 4, column 'published_at'", "there is no day 29 in February 2023 (it has 28 days)"));
        c.add(testCase("release published at 25:61", p -> replace(p, "sources.csv", "2024-02-08T03:13", "2024-02-08T25:61"),
                "sources.csv, line 3, column 'published_at'", "is not a date"));
        return c.stream();
    }

    static Stream<Arguments> loaded() {
        List<Arguments> c = new ArrayList<>();
        // counts of a source other than the final release: the source is left out, the report is written
        c.add(testCase("partial release with a digit too many", p -> replace(p, "official/cec-prelim-2.csv", ",4281625,",
                ",42816250,"), "ROW_REJECTED,official/cec-prelim-2.csv,2,Aliyev Ilham Heydar oghlu",
                "42,816,250 is more than the 6,478,623 registered voters", "SOURCE_NOT_USED,official/cec-prelim-2.csv"));
        c.add(testCase("partial release with 4.5E22 valid ballots", p -> replace(p, "official/cec-prelim-2.csv",
                "\n4651473,", "\n4.5E22,"), "ROW_REJECTED,official/cec-prelim-2.csv,2,valid", "more than 10 billion"));
        c.add(testCase("partial release with 1e400 votes", p -> replace(p, "official/cec-prelim-2.csv", ",24799", ",1e400"),
                "ROW_REJECTED,official/cec-prelim-2.csv,2,Aliyev Fuad Aghasi oghlu", "'1e400' is out of range"));
        c.add(testCase("election.yaml with an electorate of .inf", p -> replace(p, "election.yaml", "registered_voters: 6478623",
                "registered_voters: .inf"), "ERROR,BAD_NUMBER,election.yaml,,registered_voters"));
        c.add(testCase("election.yaml with an electorate of 4.5e22", p -> replace(p, "election.yaml",
                "registered_voters: 6478623", "registered_voters: 45000000000000000000000"),
                "IMPLAUSIBLE,election.yaml,,registered_voters", "more than 10 billion"));
        // shares
        c.add(testCase("poll shares all zeros", p -> replace(p, "exit-polls/rey.csv", "92.6,0.37,0.58,0.46,1.16,0.11,0.84",
                "0,0,0,0,0,0,0"), "ROW_REJECTED,exit-polls/rey.csv,2", "every candidate's figure is 0",
                "SOURCE_NOT_USED,exit-polls/rey.csv"));
        c.add(testCase("poll shares summing to 101 in whole percents (rounding, used)", p -> replace(p, "exit-polls/src.csv",
                "92.4,2.2,2.0,1.6,0.3,0.8,0.4", "93,2,2,2,1,1,0"), "PERCENT_ROUNDING,exit-polls/src.csv,2"));
        c.add(testCase("poll with a #DIV/0! exported from a spreadsheet", p -> replace(p, "exit-polls/rey.csv", "0.58", "#DIV/0!"),
                "ROW_REJECTED,exit-polls/rey.csv,2,Fazil Mustafa", "spreadsheet error #DIV/0!"));
        c.add(testCase("poll with #N/A", p -> replace(p, "exit-polls/src.csv", ",0.3,", ",#n/a,"),
                "ROW_REJECTED,exit-polls/src.csv,2,nurullayev", "spreadsheet error #n/a"));
        // sample sizes
        c.add(testCase("sample size Infinity", p -> replace(p, "sources.csv", ",5012,", ",Infinity,"),
                "BAD_NUMBER,sources.csv,7,sample_size", "'Infinity' is not a number"));
        c.add(testCase("sample size NaN", p -> replace(p, "sources.csv", ",5012,", ",NaN,"),
                "BAD_NUMBER,sources.csv,7,sample_size", "'NaN' is not a number"));
        c.add(testCase("sample size negative", p -> replace(p, "sources.csv", ",5012,", ",-5012,"),
                "NEGATIVE,sources.csv,7,sample_size"));
        c.add(testCase("sample size larger than the electorate", p -> replace(p, "sources.csv", ",5012,", ",7000000,"),
                "IMPLAUSIBLE,sources.csv,7,sample_size", "7,000,000 is more than the whole election's 6,478,623"));
        c.add(testCase("assumed sample size 2E10", p -> {
            replace(p, "sources.csv", ",url,notes", ",url,notes,assumed_sample_size");
            replace(p, "sources.csv", "Published shares sum to 96.12.\"", "Published shares sum to 96.12.\",2E10");
        }, "IMPLAUSIBLE,sources.csv,6,assumed_sample_size", "more than 10 billion"));
        c.add(testCase("more stations sampled than the election has", p -> replace(p, "sources.csv", ",5012,125,25,",
                ",5012,7000,25,"), "IMPLAUSIBLE,sources.csv,7,stations_sampled", "(election.yaml stations_total)"));
        c.add(testCase("more districts sampled than the election has", p -> replace(p, "sources.csv", ",5012,125,25,",
                ",5012,125,126,"), "IMPLAUSIBLE,sources.csv,7,districts_sampled", "districts_total"));
        // design effects
        for (String[] d : new String[][] {{"1e400", "BAD_NUMBER", "out of range"}, {"0", "BAD_DEFF", "must be a finite positive"},
            {"-1.7", "NEGATIVE", "negative"}, {"NaN", "BAD_NUMBER", "not a number"}, {"Infinity", "BAD_NUMBER",
                "not a number"}, {"50", "BAD_DEFF", "implausible"}, {"0.8", "DEFF_BELOW_1", "more precise"}}) {
            c.add(testCase("design effect " + d[0], p -> {
                replace(p, "sources.csv", ",url,notes", ",url,notes,deff");
                replace(p, "sources.csv", "Published shares sum to 99.7.\"", "Published shares sum to 99.7.\"," + d[0]);
            }, d[1] + ",sources.csv,7,deff", d[2]));
        }
        // the final release's coverage
        c.add(testCase("final release counted 54.47 %", p -> replace(p, "sources.csv", ",6537,100,true,", ",6537,54.47,true,"),
                "FINAL_INCOMPLETE,sources.csv,4,counted_pct", "cannot have counted only 54.47 %"));
        c.add(testCase("final release counted more stations than exist", p -> replace(p, "sources.csv", ",6537,100,true,",
                ",65370,100,true,"), "IMPLAUSIBLE,sources.csv,4,stations_counted"));
        c.add(testCase("district with more voters than the election", p -> write(p, "districts.csv",
                "district_id,name,region,registered_voters,stations\nd1,Baku,,7000000,10\nd2,Ganja,,1000,7000\n"),
                "IMPLAUSIBLE,districts.csv,2,registered_voters", "IMPLAUSIBLE,districts.csv,3,stations"));
        // text longer than the database's old columns and Excel's limits
        c.add(testCase("5,000-character header on a rejected value", p -> {
            String alias = "Fazil " + "M".repeat(5000);
            replace(p, "candidates.csv", "Mustafa Fazil Gazanfar oghlu", "Mustafa Fazil Gazanfar oghlu|" + alias);
            replace(p, "exit-polls/rey.csv", "Fazil Mustafa", alias);
            replace(p, "exit-polls/rey.csv", "0.58", "n/a");
        }, "ROW_REJECTED,exit-polls/rey.csv,2,Fazil MMMM", "SOURCE_NOT_USED,exit-polls/rey.csv"));
        c.add(testCase("data file under a 1,400-character path", p -> {
            String deep = ("d".repeat(200) + "/").repeat(7) + "rey.csv";
            write(p, deep, read(p, "exit-polls/rey.csv"));
            replace(p, "sources.csv", "exit-polls/rey.csv", deep);
            replace(p, deep, "0.58", "n/a");
        }, "ROW_REJECTED,dddd", "n/a"));
        c.add(testCase("station-level poll with a 300-character station id", p -> station(p,
                "d1," + "s".repeat(300) + ",60,5,5,5,5,5,5\nd1," + "t".repeat(250) + ",50,4,3,2,1,1,1\nd2,u,0,0,0,0,0,0,0\n"),
                "ROW_REJECTED,exit-polls/stn.csv,2,station_id", "the id is 300 characters long; at most 256",
                "ROW_REJECTED,exit-polls/stn.csv,4,aliyev-ilham", "every candidate's figure is 0"));
        c.add(testCase("station-level poll whose every row is rejected", p -> station(p,
                "d1,s1,10,#VALUE!,5,5,5,5,5\nd1,s2,0,0,0,0,0,0,0\n"), "SOURCE_NOT_USED,exit-polls/stn.csv,,,\"stn has no"
                + " usable station row", "ROW_REJECTED,exit-polls/stn.csv,2,oruj", "spreadsheet error #VALUE!"));
        c.add(testCase("respondent weights that would overflow", p -> respondents(p,
                "1,d1,s1,aliyev-ilham,1e308\n2,d1,s1,oruj,1.7e308\n3,d1,s1,oruj,1e400\n"),
                "ROW_REJECTED,exit-polls/resp.csv,2,weight", "more than 10 billion",
                "ROW_REJECTED,exit-polls/resp.csv,4,weight", "out of range", "SOURCE_NOT_USED,exit-polls/resp.csv"));
        c.add(testCase("respondent file whose every answer is 'other'", p -> respondents(p,
                "1,d1,s1,other,1\n2,d1,s1,other,1\n"), "SOURCE_NOT_USED,exit-polls/resp.csv", "2 usable rows"));
        c.add(testCase("respondent with a 400-character district", p -> respondents(p,
                "1," + "d".repeat(400) + ",s1,oruj,1\n2,d1,s1,aliyev-ilham,1\n"),
                "ROW_REJECTED,exit-polls/resp.csv,2,district_id", "400 characters long"));
        return c.stream();
    }

    /** A shares-summing-to-250 poll gets an ERROR and no figure: it is not compared. */
    @Test
    void aPollWhoseSharesSumTo250IsNotCompared() throws Exception {
        // 92.4 + 92.2 + 62.3 + 1.6 + 0.3 + 0.8 + 0.4 = 250.0; each share alone is a valid percent
        Outcome o = run(p -> replace(p, "exit-polls/src.csv", "92.4,2.2,2.0,1.6,0.3,0.8,0.4",
                "92.4,92.2,62.3,1.6,0.3,0.8,0.4"));
        // the report is written without it, and exit code 4 tells a scheduler that a poll was left out
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, o.code(), o.err());
        String issues = Files.readString(o.report().resolve("data-issues.csv"));
        assertTrue(issues.contains("ROW_REJECTED,exit-polls/src.csv,2,aliyev-ilham,\"row rejected: the shares add up"
                + " to 250 %, more than 100 beyond rounding (± 0.5)"), issues);
        assertTrue(issues.contains("SOURCE_NOT_USED,exit-polls/src.csv"), issues);
        List<String> figures = Files.readAllLines(o.report().resolve("figures.csv"));
        assertEquals(List.of(), figures.stream().filter(l -> l.startsWith("accuracy,src,")).toList());
        assertFalse(figures.stream().filter(l -> l.startsWith("accuracy,rey,")).toList().isEmpty(), "rey is compared");
        try (XSSFWorkbook wb = workbook(o.report())) {
            XSSFSheet sheet = wb.getSheet("Poll src");
            assertTrue(sheet.getRow(1).getCell(0).getStringCellValue().startsWith("Not compared"),
                    sheet.getRow(1).getCell(0).getStringCellValue());
        }
        noNaNAnywhere(o.report());
    }

    /**
     * 1e400 parses as Infinity, which a conversion to long would turn into Long.MAX_VALUE, a "published" 9.22E18:
     * the published value is refused and n assumed.
     */
    @Test
    void aSampleSizeOf1e400IsNotPublished() throws Exception {
        Outcome o = run(p -> replace(p, "sources.csv", ",5012,", ",1e400,"));
        assertEquals(ExitCodes.OK, o.code(), o.err());
        String issues = Files.readString(o.report().resolve("data-issues.csv"));
        assertTrue(issues.contains("BAD_NUMBER,sources.csv,7,sample_size,") && issues.contains("'1e400' is out of range"),
                issues);
        List<String> figures = Files.readAllLines(o.report().resolve("figures.csv"));
        // n is assumed: 125 stations sampled x 40 respondents per station (the default)
        assertTrue(figures.contains("accuracy,src,cec-final,national,,,n,5000.0"), String.join("\n", figures));
        assertTrue(figures.contains("accuracy,src,cec-final,national,,,n_assumed,1.0"));
    }

    @Test
    void twoPollIdsSharingTheirFirst26CharactersGetTwoSheets() throws Exception {
        Outcome o = run(p -> {
            replace(p, "sources.csv", "\nrey,", "\nexit-poll-organization-a-wave-1,");
            replace(p, "sources.csv", "\nsrc,", "\nexit-poll-organization-a-wave-2,");
        });
        assertEquals(ExitCodes.OK, o.code(), o.err());
        try (XSSFWorkbook wb = workbook(o.report())) {
            XSSFSheet first = wb.getSheet("Poll exit-poll-organization-a-w");
            XSSFSheet second = wb.getSheet("Poll exit-poll-organization (2)");
            assertTrue(first.getRow(0).getCell(0).getStringCellValue().contains("(exit-poll-organization-a-wave-1)"));
            assertTrue(second.getRow(0).getCell(0).getStringCellValue().contains("(exit-poll-organization-a-wave-2)"));
        }
    }

    @Test
    void a40000CharacterOrganizationIsCutToWhatACellHoldsWithANote() throws Exception {
        String org = "O".repeat(40_000);
        Outcome o = run(p -> replace(p, "sources.csv", "Social Research Center (Sosial Tədqiqatlar Mərkəzi)", org));
        assertEquals(ExitCodes.OK, o.code(), o.err());
        try (XSSFWorkbook wb = workbook(o.report())) {
            String title = wb.getSheet("Poll src").getRow(0).getCell(0).getStringCellValue();
            assertEquals(32_767, title.length());
            // the title is the organization, " (src), published 2024-02-07T19:00": 40,034 characters
            assertTrue(title.endsWith(" … [cut here: the text has 40,034 characters, more than a spreadsheet cell"
                    + " holds (32,767)]"), title.substring(32_600));
        }
    }

    /** A station-level exit poll (votes) of the given rows, added to the package. */
    private static void station(Path p, String rows) {
        write(p, "exit-polls/stn.csv", "district_id,station_id,aliyev-ilham,oruj,mustafa,hasanguliyev,nurullayev,musayev,"
                + "aliyev-fuad\n" + rows);
        addSource(p, "stn,exit_poll,Station Poll Org,2024-02-07T20:00,station,votes,exit-polls/stn.csv");
    }

    /** The final release as station rows of votes, with the partial (national) releases left out. */
    private static void stationFinal(Path p, String rows) {
        replace(p, "sources.csv", ",2024-02-11,national,votes,official/cec-final.csv,",
                ",2024-02-11,station,votes,official/cec-final.csv,");
        write(p, "sources.csv", String.join("\n", read(p, "sources.csv").lines()
                .filter(l -> !l.startsWith("cec-prelim")).toList()) + "\n");
        write(p, "official/cec-final.csv", "district_id,station_id,aliyev-ilham,oruj,mustafa,hasanguliyev,nurullayev,"
                + "musayev,aliyev-fuad\n" + rows);
    }

    /** A respondent-level exit poll of the given rows, added to the package. */
    private static void respondents(Path p, String rows) {
        write(p, "exit-polls/resp.csv", "respondent_id,district_id,station_id,candidate,weight\n" + rows);
        addSource(p, "resp,exit_poll,Respondent Poll Org,2024-02-07T20:00,respondent,votes,exit-polls/resp.csv");
    }

    private static void addSource(Path p, String firstSevenColumns) {
        write(p, "sources.csv", read(p, "sources.csv") + firstSevenColumns + SOURCES_HEADER_COLUMNS + "\n");
    }

    private static XSSFWorkbook workbook(Path report) throws IOException {
        return new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")));
    }

    /** No cell of the workbook shows NaN, as text or as the error a NaN number becomes. */
    static void noNaNAnywhere(Path report) {
        try (XSSFWorkbook wb = workbook(report)) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                for (Row r : wb.getSheetAt(s)) {
                    for (Cell c : r) {
                        String where = wb.getSheetName(s) + "!" + c.getAddress();
                        assertFalse(c.getCellType() == CellType.ERROR, where);
                        assertFalse(c.getCellType() == CellType.NUMERIC && Double.isNaN(c.getNumericCellValue()), where);
                        // (a message may quote an input's 'NaN'; what it may not do is show a computed one)
                        assertFalse(c.getCellType() == CellType.STRING
                                && c.getStringCellValue().matches("(?s).*(?<!')NaN.*"),
                                () -> where + ": " + c.getStringCellValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
