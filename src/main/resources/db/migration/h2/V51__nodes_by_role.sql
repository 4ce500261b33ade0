-- Issue 16: a machine may run a daemon and a worker under the same node name (the host name by
-- default); each process keeps its own row, so a node is one name and role.
ALTER TABLE nodes DROP PRIMARY KEY;
ALTER TABLE nodes ADD PRIMARY KEY (name, role);
