-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d), as the
-- superuser POSTGRES_USER (postgres). One database per service; each service creates its own
-- tables on start (quarkus.hibernate-orm.schema-management.strategy=update).
CREATE DATABASE firm;
CREATE DATABASE factor;
CREATE DATABASE market;
CREATE DATABASE indicator;
