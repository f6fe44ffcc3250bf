package org.exitpollaudit.staging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.StationAnalysis;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.report.FlagStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The staging tables each stage writes and the next reads, keyed by the job instance ({@code run_key}) so that
 * a restarted run finds what its earlier attempt stored. Primary keys make a duplicated row an error, never a
 * silent double count.
 */
@Repository
public class StagingRepository {

    /** The stage under which the ingest stores the issues of the files it reads. */
    public static final String INGEST = "ingest";

    private final JdbcTemplate jdbc;
    private final String product;
    private final boolean hsqldb;
    private final boolean embedded;

    public StagingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        hsqldb = product != null && product.startsWith("HSQL");
        String url = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL());
        // in this process (a file or memory database), not an HSQLDB server other processes reach too
        embedded = hsqldb && url != null && (url.startsWith("jdbc:hsqldb:file:") || url.startsWith("jdbc:hsqldb:mem:"));
        createSchema(schema(hsqldb ? "hsqldb" : "postgresql"));
    }

    /**
     * Runs statements that create what is not there yet ({@code CREATE … IF NOT EXISTS}). On PostgreSQL they run in
     * one transaction under an advisory lock: JVMs that start together (the launcher and its workers) would otherwise
     * race, since PostgreSQL's {@code IF NOT EXISTS} is checked before, not atomically with, the creation, and the
     * loser fails on a duplicate catalog key.
     */
    public void createSchema(List<String> statements) {
        if (hsqldb) {
            statements.forEach(jdbc::execute);
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // a lock key of this application's own, released with the transaction
                st.execute("SELECT pg_advisory_xact_lock(4550530000000000001)");
                for (String ddl : statements) {
                    st.execute(ddl);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /**
     * The statements of {@code staging/schema-<database>.sql}: separated by semicolons at the end of a line, comments
     * ({@code --} to the end of a line) left out.
     */
    static List<String> schema(String database) {
        String name = "staging/schema-" + database + ".sql";
        try (InputStream in = StagingRepository.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return Arrays.stream(sql.toString().split(";\\s*\n")).map(String::strip).filter(t -> !t.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database staging (and the job repository) lives in, as its JDBC driver names it ("PostgreSQL", …). */
    public String databaseProduct() {
        return product;
    }

    /** Whether staging (and the job repository) is an HSQLDB in this process rather than a database server. */
    public boolean embedded() {
        return embedded;
    }

    public void replaceInputs(long run, List<InputFile> files) {
        jdbc.update("DELETE FROM EPA_INPUT WHERE RUN_KEY = ?", run);
        jdbc.batchUpdate("INSERT INTO EPA_INPUT (RUN_KEY, PATH, BYTES, SHA256) VALUES (?, ?, ?, ?)", files, files.size(),
                (ps, f) -> {
                    ps.setLong(1, run);
                    ps.setString(2, f.path());
                    ps.setLong(3, f.bytes());
                    ps.setString(4, f.sha256());
                });
    }

    public List<InputFile> inputs(long run) {
        return jdbc.query("SELECT PATH, BYTES, SHA256 FROM EPA_INPUT WHERE RUN_KEY = ? ORDER BY PATH",
                (rs, i) -> new InputFile(rs.getString(1), rs.getLong(2), rs.getString(3)), run);
    }

    public void deleteIssues(long run, String stage) {
        jdbc.update("DELETE FROM EPA_ISSUE WHERE RUN_KEY = ? AND STAGE = ?", run, stage);
    }

    /**
     * Forgets what the ingest staged from one source's file: its rows, and the issues of its file (both sources'
     * when two read the same file, since an issue does not name its source).
     */
    public void deleteStaged(long run, String sourceId, String file) {
        jdbc.update("DELETE FROM EPA_ROW_BLOCK WHERE RUN_KEY = ? AND SOURCE_ID = ?", run, sourceId);
        jdbc.update("DELETE FROM EPA_ROW_COUNT WHERE RUN_KEY = ? AND SOURCE_ID = ?", run, sourceId);
        jdbc.update("DELETE FROM EPA_ISSUE WHERE RUN_KEY = ? AND STAGE = ? AND FILE_PATH = ?"
                + " AND (SOURCE_ID = ? OR SOURCE_ID IS NULL)", run, INGEST, file, sourceId);
    }

    /**
     * Removes what the ingest staged for lines {@code fromLine} (inclusive) to {@code toLine} (exclusive) of a source's
     * file: the blocks that start there, and the issues of those lines.
     */
    public void deleteStaged(long run, String sourceId, String file, int fromLine, int toLine) {
        for (String table : new String[] {"EPA_ROW_BLOCK", "EPA_ROW_COUNT"}) {
            jdbc.update("DELETE FROM " + table + " WHERE RUN_KEY = ? AND SOURCE_ID = ? AND FIRST_LINE >= ?"
                    + " AND FIRST_LINE < ?", run, sourceId, fromLine, toLine);
        }
        jdbc.update("DELETE FROM EPA_ISSUE WHERE RUN_KEY = ? AND STAGE = ? AND FILE_PATH = ? AND LINE_NO >= ?"
                + " AND LINE_NO < ? AND (SOURCE_ID = ? OR SOURCE_ID IS NULL)", run, INGEST, file, fromLine, toLine,
                sourceId);
    }

    public void addIssues(long run, String stage, Collection<DataIssue> issues) {
        addIssues(run, stage, null, issues);
    }

    /** Issues raised by reading a source ({@code null}: by no one source), which a restage of it deletes. */
    public void addIssues(long run, String stage, String sourceId, Collection<DataIssue> issues) {
        List<DataIssue> list = new ArrayList<>(issues);
        jdbc.batchUpdate("INSERT INTO EPA_ISSUE (RUN_KEY, STAGE, SEVERITY, CODE, FILE_PATH, LINE_NO, COL, MESSAGE,"
                + " SOURCE_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", list, 500, (ps, i) -> {
                    ps.setLong(1, run);
                    ps.setString(2, stage);
                    ps.setString(3, i.severity().name());
                    ps.setString(4, i.code());
                    ps.setString(5, i.file());
                    ps.setObject(6, i.line());
                    ps.setString(7, i.column());
                    ps.setString(8, i.message());
                    ps.setString(9, sourceId);
                });
    }

    public List<DataIssue> issues(long run) {
        return jdbc.query("SELECT SEVERITY, CODE, FILE_PATH, LINE_NO, COL, MESSAGE FROM EPA_ISSUE WHERE RUN_KEY = ?",
                (rs, n) -> new DataIssue(DataIssue.Severity.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5), rs.getString(6)), run)
                .stream().sorted(DataIssue.ORDER).toList();
    }

    /**
     * Stages blocks of rows ({@link RowBlock}), one database row each, and their row counts (EPA_ROW_COUNT, which
     * {@link #rowCounts} reads without reading the blocks); the primary key (run, source, first line) makes staging
     * the same lines twice an error. In the caller's transaction: a chunk's blocks and counts are committed together.
     */
    public void addBlocks(long run, List<RowBlock.Encoded> blocks) {
        jdbc.batchUpdate("INSERT INTO EPA_ROW_BLOCK (RUN_KEY, SOURCE_ID, FIRST_LINE, ROW_COUNT, BODY)"
                + " VALUES (?, ?, ?, ?, ?)", blocks, blocks.size(), (ps, b) -> {
                    ps.setLong(1, run);
                    ps.setString(2, b.sourceId());
                    ps.setInt(3, b.firstLine());
                    ps.setInt(4, b.rowCount());
                    ps.setBytes(5, b.body());
                });
        jdbc.batchUpdate("INSERT INTO EPA_ROW_COUNT (RUN_KEY, SOURCE_ID, FIRST_LINE, ROW_COUNT) VALUES (?, ?, ?, ?)",
                blocks, blocks.size(), (ps, b) -> {
                    ps.setLong(1, run);
                    ps.setString(2, b.sourceId());
                    ps.setInt(3, b.firstLine());
                    ps.setInt(4, b.rowCount());
                });
    }

    /**
     * Every loaded row of the given sources, in source-id and line order, candidate values in column order. One
     * query per source, so that the primary key (run, source, first line) serves it without a scan of the table.
     */
    public List<ResultRow> rows(long run, Collection<String> sourceIds) {
        List<ResultRow> out = new ArrayList<>();
        RowBlock.Decoder decoder = new RowBlock.Decoder();
        for (String source : new TreeSet<>(sourceIds)) {
            blocks(run, source, body -> out.addAll(decoder.decode(source, body)));
        }
        return out;
    }

    /** A run's staged blocks, as the station analysis reads the official releases. */
    public StationAnalysis.Blocks blocks(long run) {
        return new StationAnalysis.Blocks() {
            @Override
            public void forEach(String sourceId, Consumer<ResultColumns> block) {
                forEachBlock(run, sourceId, block);
            }

            @Override
            public void forEachKeys(String sourceId, Consumer<ResultColumns> block) {
                RowBlock.Reused reused = new RowBlock.Reused();
                blocks(run, sourceId, body -> block.accept(RowBlock.decodeKeys(sourceId, body, reused)));
            }

            @Override
            public ResultColumns block(String sourceId, int firstLine) {
                return StagingRepository.this.block(run, sourceId, firstLine);
            }

            @Override
            public long rows(String sourceId) {
                Long rows = jdbc.queryForObject("SELECT SUM(ROW_COUNT) FROM EPA_ROW_COUNT WHERE RUN_KEY = ?"
                        + " AND SOURCE_ID = ?", Long.class, run, sourceId);
                return rows == null ? 0 : rows;
            }
        };
    }

    /**
     * Each staged block of one source as columns, in line order, read and decoded one at a time into two sets of
     * arrays used in turn ({@link RowBlock.InTurn}): a block holds until {@code each} returns for the block after it;
     * none when nothing of it was loaded.
     */
    public void forEachBlock(long run, String sourceId, Consumer<ResultColumns> each) {
        RowBlock.InTurn arrays = new RowBlock.InTurn();
        blocks(run, sourceId, body -> each.accept(arrays.decode(sourceId, body)));
    }

    /** The staged block of a source whose first row is at line {@code firstLine}; {@code null} if there is none. */
    public ResultColumns block(long run, String sourceId, int firstLine) {
        List<ResultColumns> out = new ArrayList<>(1);
        jdbc.query("SELECT BODY FROM EPA_ROW_BLOCK WHERE RUN_KEY = ? AND SOURCE_ID = ? AND FIRST_LINE = ?",
                rs -> {
                    out.add(RowBlock.decode(sourceId, rs.getBytes(1)));
                }, run, sourceId, firstLine);
        return out.isEmpty() ? null : out.get(0);
    }

    /** Each staged block of a source, in line order. */
    private void blocks(long run, String sourceId, Consumer<byte[]> each) {
        inPages("SELECT FIRST_LINE, BODY FROM EPA_ROW_BLOCK WHERE RUN_KEY = ? AND SOURCE_ID = ? AND FIRST_LINE > ?"
                + " ORDER BY RUN_KEY, SOURCE_ID, FIRST_LINE", BLOCKS_PER_QUERY, rs -> each.accept(rs.getBytes(2)),
                run, sourceId);
    }

    /** A row of a query read in pages. */
    @FunctionalInterface
    private interface PagedRow {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * A query read a page of {@code page} rows at a time, each page after the last key read: an embedded HSQLDB holds
     * a whole result in memory (a 10-million-row release would be some 250 MB of blocks at once), PostgreSQL's driver
     * too unless told otherwise. {@code query} selects an int key first and orders by it (after the fixed
     * {@code args}, its last parameter is the key to read after); each row goes to {@code row}.
     */
    private void inPages(String query, int page, PagedRow row, Object... args) {
        if (page < 1 || query.chars().filter(ch -> ch == '?').count() != args.length + 1) {
            throw new IllegalArgumentException("a paged query takes its arguments and then the key to read after,"
                    + " a page of at least one row: " + query + " (" + args.length + " arguments, page " + page + ")");
        }
        Object[] params = Arrays.copyOf(args, args.length + 1);
        params[args.length] = Integer.MIN_VALUE;
        int[] read = new int[1];
        do {
            read[0] = 0;
            jdbc.query(query + " LIMIT " + page, rs -> {
                params[args.length] = rs.getInt(1);
                read[0]++;
                row.accept(rs);
            }, params);
        } while (read[0] == page);
    }

    /** Blocks read per query: a few MB. */
    private static final int BLOCKS_PER_QUERY = 8;

    /** Rows loaded per source. */
    public Map<String, Integer> rowCounts(long run) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.query("SELECT SOURCE_ID, SUM(ROW_COUNT) FROM EPA_ROW_COUNT WHERE RUN_KEY = ? GROUP BY SOURCE_ID"
                + " ORDER BY SOURCE_ID", rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                }, run);
        return out;
    }

    /**
     * Drops the bulk of what completed runs staged: their row blocks, figure blocks and flags (their inputs and data
     * issues, a few rows each, stay). Nothing of a completed run's staging is read again: its report holds its
     * figures, and a run that writes a report again stages afresh. Only an unfinished run's staging is kept, for
     * the restart that resumes it; so the job repository stays the size of one run's staging however many runs a
     * schedule makes. Returns the blocks dropped.
     */
    public int dropCompleted() {
        String completed = "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'";
        int blocks = 0;
        // on the embedded database, which one process uses at a time (the run lock), with nothing unfinished to keep
        // (the common case): emptied at once, without a transaction that holds every deleted row (HSQLDB keeps them in
        // memory until it commits: 10 million stations' blocks would not fit in 1 GB). A shared database server may
        // be staging another launcher's run meanwhile: there, only the completed runs' rows are deleted.
        Integer unfinished = !embedded ? null : jdbc.queryForObject("SELECT COUNT(*) FROM EPA_ROW_BLOCK WHERE RUN_KEY"
                + " NOT IN (" + completed + ")", Integer.class);
        if (unfinished != null && unfinished == 0) {
            Integer all = jdbc.queryForObject("SELECT COUNT(*) FROM EPA_ROW_BLOCK", Integer.class);
            Integer figures = jdbc.queryForObject("SELECT COUNT(*) FROM EPA_FIGURE_BLOCK WHERE RUN_KEY IN ("
                    + completed + ")", Integer.class);
            Integer allFigures = jdbc.queryForObject("SELECT COUNT(*) FROM EPA_FIGURE_BLOCK", Integer.class);
            if (figures != null && figures.equals(allFigures)) {
                for (String table : new String[] {"EPA_ROW_BLOCK", "EPA_ROW_COUNT", "EPA_FIGURE_BLOCK",
                        "EPA_FLAG_BLOCK"}) {
                    jdbc.execute("TRUNCATE TABLE " + table + " AND COMMIT");
                }
                blocks = (all == null ? 0 : all) + figures;
                if (blocks > 0) {
                    jdbc.execute("CHECKPOINT DEFRAG");
                }
                return blocks;
            }
        }
        // a few blocks per statement, each its own transaction: HSQLDB keeps the rows a transaction deletes in memory
        // until it commits, and 10 million stations' blocks (over 500 MB) would not fit in a gigabyte of heap; each
        // statement deletes a range of the primary key
        List<Object[]> keys = jdbc.query("SELECT RUN_KEY, SOURCE_ID, FIRST_LINE FROM EPA_ROW_BLOCK WHERE RUN_KEY IN ("
                + completed + ") ORDER BY RUN_KEY, SOURCE_ID, FIRST_LINE",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3)});
        for (int from = 0; from < keys.size(); ) {
            Object[] first = keys.get(from);
            int to = from;
            while (to + 1 < keys.size() && to + 1 - from < 64 && keys.get(to + 1)[0].equals(first[0])
                    && keys.get(to + 1)[1].equals(first[1])) {
                to++;
            }
            blocks += jdbc.update("DELETE FROM EPA_ROW_BLOCK WHERE RUN_KEY = ? AND SOURCE_ID = ? AND FIRST_LINE"
                    + " BETWEEN ? AND ?", first[0], first[1], first[2], keys.get(to)[2]);
            from = to + 1;
        }
        // the figure blocks likewise, a thousand at a time (their numbers have gaps between the groups)
        List<long[]> figureKeys = jdbc.query("SELECT RUN_KEY, BLOCK_NO FROM EPA_FIGURE_BLOCK WHERE RUN_KEY IN ("
                + completed + ") ORDER BY RUN_KEY, BLOCK_NO", (rs, i) -> new long[] {rs.getLong(1), rs.getInt(2)});
        for (int from = 0; from < figureKeys.size(); ) {
            long[] first = figureKeys.get(from);
            int to = from;
            while (to + 1 < figureKeys.size() && to + 1 - from < 1000 && figureKeys.get(to + 1)[0] == first[0]) {
                to++;
            }
            blocks += jdbc.update("DELETE FROM EPA_FIGURE_BLOCK WHERE RUN_KEY = ? AND BLOCK_NO BETWEEN ? AND ?",
                    first[0], (int) first[1], (int) figureKeys.get(to)[1]);
            from = to + 1;
        }
        jdbc.update("DELETE FROM EPA_FLAG_BLOCK WHERE RUN_KEY IN (" + completed + ")");
        jdbc.update("DELETE FROM EPA_ROW_COUNT WHERE RUN_KEY IN (" + completed + ")");
        if (hsqldb && blocks > 0) {
            // HSQLDB's data file keeps the space of deleted rows unused until it is rewritten without them (with little
            // left, this takes a moment); PostgreSQL's autovacuum makes its space reusable
            jdbc.execute("CHECKPOINT DEFRAG");
        }
        return blocks;
    }

    /** Removes the run's staged figures (an analysis that runs again stages them anew). */
    public void deleteFigures(long run) {
        jdbc.update("DELETE FROM EPA_FIGURE_BLOCK WHERE RUN_KEY = ?", run);
    }

    /**
     * The groups a run's figures are staged in, in the order they read back (and figures.csv lists them), whichever
     * was staged first: each is a range of block numbers.
     */
    public enum FigureGroup {
        /** The national comparison's figures, computed last (from the stations' sums). */
        NATIONAL,
        /** The station analysis's, staged release by release as they are computed. */
        STATIONS;

        /** Block numbers per group: 2²⁴ blocks, some 16 billion figures. */
        private static final int BLOCKS = 1 << 24;

        private int firstBlock() {
            return ordinal() * BLOCKS;
        }
    }

    /**
     * Stages one group of a run's figures as they come, in blocks of {@value #BLOCK} ({@link FigureBlock}),
     * after the group's figures added before; {@link BlockWriter#finish} stages the last block.
     */
    public BlockWriter<Figure> figureWriter(long run, FigureGroup group) {
        return new BlockWriter<>("EPA_FIGURE_BLOCK", run, group.firstBlock(), false, FigureBlock::encode);
    }

    /**
     * Stages records a block of {@link #BLOCK} at a time, after those added before: full blocks as they fill, the rest
     * at {@link #finish} ({@link FigureBlock}, {@link FlagBlock}). A row holds the run, the block's number, for the
     * flags how many it holds, and the block.
     */
    public final class BlockWriter<T> {
        private final String insert;
        private final long run;
        private final boolean counted;
        private final Function<List<T>, byte[]> encode;
        private final List<T> pending = new ArrayList<>(BLOCK);
        private int next;
        private long count;
        private TransactionOperations transactions;

        private BlockWriter(String table, long run, int firstBlock, boolean counted, Function<List<T>, byte[]> encode) {
            this.insert = "INSERT INTO " + table + (counted ? " (RUN_KEY, BLOCK_NO, FLAGS, BODY) VALUES (?, ?, ?, ?)"
                    : " (RUN_KEY, BLOCK_NO, BODY) VALUES (?, ?, ?)");
            this.run = run;
            this.next = firstBlock;
            this.counted = counted;
            this.encode = encode;
        }

        /** Stages the records after those added before (full blocks now, the rest with the next or at finish). */
        public void add(List<T> records) {
            List<Object[]> rows = new ArrayList<>();
            // a block's worth at a time rather than record by record: this loop then turns once a block, and the JIT
            // compiles the encoder on its own instead of a loop over a release's figures with the encoder inlined
            for (int from = 0, take; from < records.size(); from += take) {
                take = Math.min(BLOCK - pending.size(), records.size() - from);
                pending.addAll(records.subList(from, from + take));
                if (pending.size() == BLOCK) {
                    rows.add(row());
                }
            }
            insert(rows);
            count += records.size();
        }

        /** Records added so far. */
        public long count() {
            return count;
        }

        /**
         * Inserts each batch of blocks in a transaction of its own, committed at once (the analysis stages millions
         * of figures, which a database holds in memory until they are committed), and opens none for records that
         * wait for their block to fill.
         */
        public BlockWriter<T> committing(TransactionOperations transactions) {
            this.transactions = transactions;
            return this;
        }

        /** Stages the last, partly filled block. */
        public void finish() {
            if (!pending.isEmpty()) {
                insert(List.<Object[]>of(row()));
            }
        }

        private Object[] row() {
            byte[] body = encode.apply(pending);
            Object[] row = counted ? new Object[] {run, next++, pending.size(), body} : new Object[] {run, next++, body};
            pending.clear();
            return row;
        }

        private void insert(List<Object[]> rows) {
            if (rows.isEmpty()) {
                return;
            }
            if (transactions == null) {
                jdbc.batchUpdate(insert, rows);
            } else {
                transactions.executeWithoutResult(t -> jdbc.batchUpdate(insert, rows));
            }
        }
    }

    /** Records per staged block of figures or flags. */
    private static final int BLOCK = 1000;

    /** Removes the run's flagged stations (an analysis that runs again stages them anew). */
    public void deleteFlags(long run) {
        jdbc.update("DELETE FROM EPA_FLAG_BLOCK WHERE RUN_KEY = ?", run);
    }

    /** Stages a run's flagged stations as they come, after those added before (its flags must have been deleted). */
    public BlockWriter<StationFlag> flagWriter(long run) {
        return new BlockWriter<>("EPA_FLAG_BLOCK", run, 0, true, FlagBlock::encode);
    }

    /** A run's flagged stations, in order, read a few blocks at a time (a 10-million-station election has some 220,000). */
    public void forEachFlag(long run, Consumer<StationFlag> each) {
        inPages("SELECT BLOCK_NO, BODY FROM EPA_FLAG_BLOCK WHERE RUN_KEY = ? AND BLOCK_NO > ? ORDER BY RUN_KEY, BLOCK_NO",
                BLOCKS_PER_QUERY, rs -> FlagBlock.decode(rs.getBytes(2)).forEach(each), run);
    }

    /** A run's flagged stations, read from staging each time they are asked for. */
    public FlagStream flagStream(long run) {
        return new FlagStream() {
            @Override
            public long count() {
                return flagCount(run);
            }

            @Override
            public void forEach(Consumer<StationFlag> flag) {
                forEachFlag(run, flag);
            }
        };
    }

    /** How many stations of a run are flagged. */
    public long flagCount(long run) {
        Long n = jdbc.queryForObject("SELECT COALESCE(SUM(FLAGS), 0) FROM EPA_FLAG_BLOCK WHERE RUN_KEY = ?", Long.class,
                run);
        return n == null ? 0 : n;
    }

    /**
     * The run's figures in their staged order, a block at a time: the report writes figures.csv from them without
     * holding them all.
     */
    public void figures(long run, Consumer<List<Figure>> block) {
        // a page at a time, as the row blocks (the figures are read twice at once: the workbook's, figures.csv's)
        inPages("SELECT BLOCK_NO, BODY FROM EPA_FIGURE_BLOCK WHERE RUN_KEY = ? AND BLOCK_NO > ?"
                + " ORDER BY RUN_KEY, BLOCK_NO", FIGURE_BLOCKS_PER_QUERY,
                rs -> block.accept(FigureBlock.decode(rs.getBytes(2))), run);
    }

    /** Figure blocks read per query: some 64,000 figures, a few MB. */
    private static final int FIGURE_BLOCKS_PER_QUERY = 64;
}
