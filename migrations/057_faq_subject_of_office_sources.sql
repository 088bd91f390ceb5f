-- faq: the entry on who gave to develop the office (donate_office_sources) names its subject
-- (issue 19): a giving or money word (บริจาค, ร่วม, สมทบ, เงิน, ยอด, ให้, งบ, donate…). Its
-- answer lists the school networks and their sums, so a question about a network that asks
-- nothing of gifts ("เครือข่ายตะโหมดหนิมีกี่โรงเรียนแล", how many schools a network has) was
-- answered with it; every in-scope question of it on the dev set names one of the words.
-- No schema change: the data step (src/faq/store/mod.rs) sets the subjects of data/faq.toml on
-- every shipped entry, as migration 051's does.
SELECT 1;
