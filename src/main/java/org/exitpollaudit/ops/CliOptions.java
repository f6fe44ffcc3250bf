package org.exitpollaudit.ops;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.exitpollaudit.analysis.AnalysisParameters;

/** The command line, parsed before Spring starts so that mistakes are reported plainly and fast. */
public record CliOptions(Path input, Path output, AnalysisParameters params, boolean help, boolean verbose) {

    public static final Path DEFAULT_INPUT = Path.of("input", "az-2024-presidential");
    public static final Path DEFAULT_OUTPUT = Path.of("output");

    public static final String HELP = """
            exit-poll-audit: compares exit polls with official election results and writes an audit workbook.

            Usage: java -jar target/exit-poll-audit.jar [options]

              --input=<folder>        election package to analyse (format: docs/input-format.md)
                                      default: input/az-2024-presidential (the embedded Azerbaijan 2024 package)
              --output=<folder>       where reports go; default: output
                                      a run writes <output>/<election id>/<fingerprint>/ and points
                                      <output>/<election id>/latest at it; the job repository lives in <output>/.state
              --deff=<number>         design effect of the exit polls' cluster samples (default 1.7)
              --respondents-per-station=<number>
                                      respondents assumed per sampled station when a poll published only
                                      its number of stations (default 40)
              --fallback-sample-size=<n>
                                      n assumed when a poll published neither (default 1000)
              --verbose               show stack traces and framework logs
              --help                  this text

            Exit codes: 0 report written (or inputs unchanged since the last complete report),
                        1 the run failed, 2 bad input or options, 3 another run holds the output folder.
            """;

    /** @throws IllegalArgumentException naming the option that is wrong */
    public static CliOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--verbose")) {
                verbose = true;
            } else if (a.startsWith("--") && a.contains("=")) {
                String key = a.substring(2, a.indexOf('='));
                if (values.put(key, a.substring(a.indexOf('=') + 1)) != null) {
                    throw new IllegalArgumentException("option --" + key + " is given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "' (options take the form --name=value)");
            }
        }
        AnalysisParameters d = AnalysisParameters.DEFAULTS;
        Path input = values.containsKey("input") ? Path.of(values.remove("input")) : DEFAULT_INPUT;
        Path output = values.containsKey("output") ? Path.of(values.remove("output")) : DEFAULT_OUTPUT;
        double deff = number(values, "deff", d.deff());
        double rps = number(values, "respondents-per-station", d.respondentsPerStation());
        double fallback = number(values, "fallback-sample-size", d.fallbackSampleSize());
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
        }
        if (fallback != Math.rint(fallback)) {
            throw new IllegalArgumentException("--fallback-sample-size must be a whole number");
        }
        AnalysisParameters params;
        try {
            params = new AnalysisParameters(deff, rps, (long) fallback, d.alpha(), d.confidence());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--deff, --respondents-per-station and --fallback-sample-size must be"
                    + " positive numbers");
        }
        return new CliOptions(input, output, params, help, verbose);
    }

    private static double number(Map<String, String> values, String key, double dflt) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + "=" + v + " is not a number");
        }
    }
}
