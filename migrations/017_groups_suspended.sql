-- When the bot was removed from a registered group (or lost the right to post there): the
-- registration stays, with who made it, but is suspended; messages owed to the group are held
-- in the outbox until an admin registers a group for the role again.
ALTER TABLE groups ADD COLUMN suspended_at TEXT;
