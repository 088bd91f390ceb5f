-- faq: entries appended to data/faq.toml from the documents (quality_onet_groups, quality_tests,
-- english_development, office_online_channels from seed 003; donation_correction and fiscal_year
-- from the register's own rules). No schema change: the data step is 009's
-- (src/faq/store/mod.rs, load_new_shipped_entries), which inserts every shipped entry whose key
-- the database lacks.
SELECT 1;
