-- faq: the entry on transferring a gift (donate_transfer) names its subject (issue 19): a giving
-- or account word (บริจาค, ทำบุญ, บัญชี, พร้อมเพย์, สลิป, donate…). Every right first answer of it
-- on the dev set names one; the questions that named none were out of scope ("โอนเงินเดือน
-- พนักงานผ่านแอปธนาคารไหนดี", a bank app's limits), now offered it instead of answered with it.
-- No schema change: the data step (src/faq/store/mod.rs) sets the subjects of data/faq.toml on
-- every shipped entry, as migration 051's does.
SELECT 1;
