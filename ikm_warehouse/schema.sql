-- The raw layer the pipeline writes into the DuckDB warehouse (schema `raw`).
-- dbt reads these tables as sources; nothing else writes them. One statement per table.

create schema if not exists raw;

-- One row per distinct article as received (same normalized content = same article_id).
-- Written by ingestion; never rewritten for an article already present.
create table if not exists raw.articles (
    article_id          varchar primary key,  -- sha256 of the normalized text, first 16 hex chars
    doc                 varchar not null,     -- FACTS.md `doc`: file name (.txt/.html) or url (.jsonl)
    source_path         varchar not null,     -- path relative to the raw directory
    source_format       varchar not null,     -- txt | jsonl | html
    source_line         integer,              -- line number within a .jsonl file, else null
    url                 varchar,
    title               varchar,              -- from metadata, where the source has it
    outlet              varchar,              -- from metadata `source`, else the url's host
    published_metadata  varchar,              -- the date as the source's metadata gives it, unparsed
    raw_text            varchar not null,
    text_length         integer not null,
    ingested_at         timestamp not null
);

-- One row per article: what the extractor made of it. Rewritten when the extractor version changes.
create table if not exists raw.extractions (
    article_id          varchar primary key,
    extractor_version   varchar not null,
    headline            varchar,
    clean_text          varchar not null,
    published           date,                 -- metadata, dateline or inferred; null when unknown
    syndication_group   varchar not null,     -- article_id of the earliest article of its near-duplicate group
    warnings            varchar[] not null,
    extracted_at        timestamp not null
);

-- One row per figure (FACTS.md `figure`).
create table if not exists raw.figures (
    figure_id           varchar primary key,  -- article_id + ':' + ordinal
    article_id          varchar not null,
    metric_code         varchar not null,
    value               decimal(38, 6) not null,
    unit                varchar not null,
    qualifier           varchar not null,
    region_code         varchar not null,
    region_name         varchar not null,
    region_level        varchar not null,
    period              varchar,
    period_start        date,
    period_end          date,
    program_code        varchar,
    subject             varchar,
    mention             varchar not null,
    sentence            varchar not null,
    char_start          integer not null,
    char_end            integer not null,
    extracted_at        timestamp not null,
    why                 varchar  -- the rules that decided the metric and the region
);
-- Warehouses made before the rules were named get the column (filled on re-extraction).
alter table raw.figures add column if not exists why varchar;

create table if not exists raw.article_regions (
    article_id          varchar not null,
    region_code         varchar not null,
    extracted_at        timestamp not null
);

create table if not exists raw.article_programs (
    article_id          varchar not null,
    program_code        varchar not null,
    extracted_at        timestamp not null
);

create table if not exists raw.article_officials (
    article_id          varchar not null,
    official_name       varchar not null,
    official_title      varchar not null,
    extracted_at        timestamp not null
);

-- The gazetteer of ikm_facts, so that Python and SQL share one list of regions.
create table if not exists raw.regions (
    region_code         varchar primary key,  -- 'ID' for Indonesia, '72', '72.71', ...
    region_name         varchar not null,
    region_level        varchar not null,     -- country | province | regency | city
    province_code       varchar,
    parent_code         varchar,
    island_group        varchar not null      -- Sumatera, Jawa, Bali-Nusa Tenggara, Kalimantan, Sulawesi, Maluku, Papua; 'Indonesia'
);

-- Inputs that could not be read, with the reason: one row per file (and .jsonl line) per run.
create table if not exists raw.rejected_inputs (
    source_path         varchar not null,
    source_line         integer,
    reason              varchar not null,
    rejected_at         timestamp not null
);

-- Inputs that were read, but not as they should be (e.g. cp1252 instead of UTF-8, cut at the size limit).
create table if not exists raw.input_warnings (
    source_path         varchar not null,
    source_line         integer,
    reason              varchar not null,
    warned_at           timestamp not null
);
