-- conversation_pool is WITHOUT ROWID (added by hand, as in 0001 and 0021): its physical order is the random key,
-- not the order in which authors acted.
CREATE TABLE `conversation_pool` (
	`id` text PRIMARY KEY NOT NULL,
	`sealed` blob NOT NULL
) WITHOUT ROWID;
