-- The messages that recorded a donation join the other noted messages (021): one table
-- says what any message made, so donations note and find theirs as every capability does,
-- in the donations area with the subject `donation:<id>`. Should a message be in both
-- tables, the donation stays its answer, as the donation was asked for first until now.
INSERT INTO recorded_messages (chat_id, message_id, area, subject)
SELECT chat_id, message_id, 'donations', 'donation:' || donation_id
FROM donation_messages
WHERE true
ON CONFLICT DO UPDATE SET area = excluded.area, subject = excluded.subject;

DROP TABLE donation_messages;
