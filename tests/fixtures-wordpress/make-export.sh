#!/usr/bin/env bash
# Makes tests/Gazette.Tests/Fixtures/import/wordpress-export.xml with Debian's own WordPress: installs it on a private
# MariaDB (a socket under a temporary folder), writes the content in content.php (posts in every status, a page,
# nested categories, tags, a featured image, old slugs, the shortcodes WordPress ships with, comments in every status
# and nesting, pingbacks and trackbacks), then exports it with WordPress's own exporter (export_wp()). Run it again
# when the importer needs more; the importer's tests read its output, kept in the repository.
#
#   tests/fixtures-wordpress/make-export.sh            # as root on Debian; installs wordpress and mariadb-server if missing
#
# The only file written outside the temporary folder is /etc/wordpress/config-gazette-fixture.php (Debian's host
# config), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/tests/Gazette.Tests/Fixtures/import/wordpress-export.xml
WORK=$(mktemp -d)
CONFIG=gazette-fixture
CONFIG_FILE=/etc/wordpress/config-$CONFIG.php
MARIADB_PID=
cleanup() {
    [[ -n $MARIADB_PID ]] && kill "$MARIADB_PID" 2>/dev/null && wait "$MARIADB_PID" 2>/dev/null
    rm -f "$CONFIG_FILE"
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ! -f /usr/share/wordpress/wp-load.php ]] || ! command -v mariadbd >/dev/null || ! php -m | grep -qi mysqli; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordpress mariadb-server php-mysql >/dev/null
fi

SOCKET=$WORK/mysqld.sock
mariadb-install-db --datadir="$WORK/mysql" --user=root --auth-root-authentication-method=socket --skip-test-db >"$WORK/install.log" 2>&1
mariadbd --datadir="$WORK/mysql" --socket="$SOCKET" --pid-file="$WORK/mysqld.pid" --skip-networking --user=root \
    --log-error="$WORK/mariadb.log" >/dev/null 2>&1 &
MARIADB_PID=$!
for ((i = 0; i < 120; i++)); do
    mariadb-admin --socket="$SOCKET" -u root ping >/dev/null 2>&1 && break
    kill -0 "$MARIADB_PID" 2>/dev/null || { cat "$WORK/mariadb.log" >&2; exit 1; }
    sleep 0.5
done
PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
mariadb --socket="$SOCKET" -u root <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL
mkdir -p "$WORK/uploads"
cat >"$CONFIG_FILE" <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$PASSWORD');
define('DB_HOST', 'localhost:$SOCKET');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', 'http://old-gazette.example');
define('WP_SITEURL', 'http://old-gazette.example');
define('WP_CONTENT_DIR', '/usr/share/wordpress/wp-content');
\$table_prefix = 'wp_';
PHP
rm -rf "$ROOT/tests/Gazette.Tests/Fixtures/import/uploads"
php "$ROOT/tests/fixtures-wordpress/content.php" "$CONFIG" "$WORK/uploads" "$ROOT/tests/Gazette.Tests/Fixtures/import/uploads" >"$OUT"
echo "Wrote $OUT ($(grep -c '<item>' "$OUT") items, $(grep -c '<wp:comment>' "$OUT") comments) with WordPress $(php -r 'include "/usr/share/wordpress/wp-includes/version.php"; echo $wp_version;')" >&2
