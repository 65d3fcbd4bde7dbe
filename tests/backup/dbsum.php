<?php
// Test helper: a checksum of every table of a fixture instance's database (read from its config.php):
// one line "table rows sha256" per table, rows compared as sorted JSON. usage: php dbsum.php ROOT [SKIP,TABLES]
$CONFIG = [];
include $argv[1] . '/config/config.php';
$c = $CONFIG;
$skip = isset($argv[2]) ? explode(',', $argv[2]) : [];
$o = [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_STRINGIFY_FETCHES => true];
if ($c['dbtype'] === 'sqlite3') {
	$pdo = new PDO('sqlite:' . $c['datadirectory'] . '/' . $c['dbname'] . '.db', null, null, $o);
	$tables = $pdo->query("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN);
} else {
	[$h, $p] = explode(':', $c['dbhost'], 2);
	$drv = $c['dbtype'] === 'mysql' ? 'mysql' : 'pgsql';
	$pdo = new PDO("$drv:host=$h;port=$p;dbname={$c['dbname']}", $c['dbuser'], $c['dbpassword'], $o);
	$tables = $drv === 'mysql' ? $pdo->query('SHOW TABLES')->fetchAll(PDO::FETCH_COLUMN)
		: $pdo->query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")->fetchAll(PDO::FETCH_COLUMN);
	sort($tables);
}
foreach ($tables as $t) {
	if (in_array($t, $skip, true)) continue;
	$rows = [];
	foreach ($pdo->query("SELECT * FROM $t")->fetchAll(PDO::FETCH_NUM) as $r) { $rows[] = json_encode($r); }
	sort($rows);
	echo $t, ' ', count($rows), ' ', hash('sha256', implode("\n", $rows)), "\n";
}
