-- Run once by the postgres image on an empty volume: the host's conversations get their own
-- database beside the registry's (POSTGRES_DB), owned by the same user.
CREATE DATABASE mmskills_host OWNER mmskills;
