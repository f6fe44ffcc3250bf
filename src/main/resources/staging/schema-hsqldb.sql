-- Staging tables on the embedded HSQLDB (read by StagingRepository on start; every statement may run again).
-- The large tables are CACHED: HSQLDB keeps them on disk, not in memory. Text that comes from the package (paths,
-- headers, unit ids, messages built from them) has no short limit: 16 M characters.

-- what the validate step recorded of each input: its size and SHA-256, for the ingest to check what it read against
CREATE TABLE IF NOT EXISTS EPA_INPUT (RUN_KEY BIGINT NOT NULL, PATH VARCHAR(16777216) NOT NULL,
  BYTES BIGINT NOT NULL, SHA256 CHAR(64) NOT NULL, PRIMARY KEY (RUN_KEY, PATH));

-- the loaded rows of a results file, a block of them per row (staging.RowBlock); the key makes staging the same
-- lines twice an error
CREATE CACHED TABLE IF NOT EXISTS EPA_ROW_BLOCK (RUN_KEY BIGINT NOT NULL, SOURCE_ID VARCHAR(100) NOT NULL,
  FIRST_LINE INT NOT NULL, ROW_COUNT INT NOT NULL, BODY VARBINARY(16777216) NOT NULL,
  PRIMARY KEY (RUN_KEY, SOURCE_ID, FIRST_LINE));

-- each staged block's key and row count again, in a small table of its own: a query of EPA_ROW_BLOCK's counts reads
-- whole rows, bodies and all, on HSQLDB (a CACHED table's row is read whole), and the analysis and the report ask how
-- many rows each source staged (staging.StagingRepository.rowCounts)
CREATE TABLE IF NOT EXISTS EPA_ROW_COUNT (RUN_KEY BIGINT NOT NULL, SOURCE_ID VARCHAR(100) NOT NULL,
  FIRST_LINE INT NOT NULL, ROW_COUNT INT NOT NULL, PRIMARY KEY (RUN_KEY, SOURCE_ID, FIRST_LINE));

-- SOURCE_ID: the source whose reading raised an ingest issue (two sources may read one file); null otherwise
CREATE CACHED TABLE IF NOT EXISTS EPA_ISSUE (RUN_KEY BIGINT NOT NULL, STAGE VARCHAR(20) NOT NULL,
  SEVERITY VARCHAR(10) NOT NULL, CODE VARCHAR(60) NOT NULL, FILE_PATH VARCHAR(16777216), LINE_NO INT,
  COL VARCHAR(16777216), MESSAGE VARCHAR(16777216) NOT NULL, SOURCE_ID VARCHAR(100));

-- the analysis's figures, a block of them per row (staging.FigureBlock)
CREATE CACHED TABLE IF NOT EXISTS EPA_FIGURE_BLOCK (RUN_KEY BIGINT NOT NULL, BLOCK_NO INT NOT NULL,
  BODY VARBINARY(16777216) NOT NULL, PRIMARY KEY (RUN_KEY, BLOCK_NO));

-- the analysis's flagged stations, a block of them per row (staging.FlagBlock), FLAGS of them in each
CREATE CACHED TABLE IF NOT EXISTS EPA_FLAG_BLOCK (RUN_KEY BIGINT NOT NULL, BLOCK_NO INT NOT NULL,
  FLAGS INT NOT NULL, BODY VARBINARY(16777216) NOT NULL, PRIMARY KEY (RUN_KEY, BLOCK_NO));
