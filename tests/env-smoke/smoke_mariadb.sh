#!/bin/bash
# The test MariaDB answers over TCP with the admin password (and can create a database and a
# user, as a restore needs), and refuses a wrong password.
source "$(dirname "$0")/common.sh"
need NCB_MARIADB_HOST NCB_MARIADB_PORT NCB_MARIADB_SOCKET NCB_MARIADB_ADMIN_USER NCB_MARIADB_ADMIN_PASSWORD
db() { MYSQL_PWD=$1 mariadb --no-defaults --protocol=tcp -h "$NCB_MARIADB_HOST" -P "$NCB_MARIADB_PORT" -u "$NCB_MARIADB_ADMIN_USER" -N -B "${@:2}"; }
name=smoke_$$
out=$(db "$NCB_MARIADB_ADMIN_PASSWORD" 2>&1 <<SQL
CREATE DATABASE $name CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER '$name'@'127.0.0.1' IDENTIFIED BY 'pw_$name';
GRANT ALL ON $name.* TO '$name'@'127.0.0.1';
CREATE TABLE $name.t (v VARCHAR(20));
INSERT INTO $name.t VALUES ('grüße');
SELECT v FROM $name.t;
SQL
) || fail "admin over TCP failed: $out"
[ "$out" = "grüße" ] || fail "read back '$out'"
dump=$(MYSQL_PWD=pw_$name mariadb-dump --no-defaults -h "$NCB_MARIADB_HOST" -P "$NCB_MARIADB_PORT" -u "$name" --single-transaction "$name" 2>&1) \
  || fail "mariadb-dump as the new user failed: $dump"
echo "$dump" | grep -q "INSERT INTO \`t\`" || fail "the dump lacks the row"
db "$NCB_MARIADB_ADMIN_PASSWORD" -e "DROP DATABASE $name; DROP USER '$name'@'127.0.0.1';" || fail "cleanup failed"
out=$(db "wrong-$NCB_MARIADB_ADMIN_PASSWORD" -e 'SELECT 1' 2>&1) && fail "a wrong password was accepted"
echo "$out" | grep -q "Access denied" || fail "wrong password: expected 'Access denied', got: $out"
[ -S "$NCB_MARIADB_SOCKET" ] || fail "$NCB_MARIADB_SOCKET is not a socket"
echo "smoke_mariadb: ok"
