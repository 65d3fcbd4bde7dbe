<?php
// Test helper: one line per table of a fixture instance's database: "name rows md5-of-sorted-rows".
// Reads config/config.php only (not the *.config.php overrides the tests add). usage: php tablesum.php ROOT
$CONFIG = [];
include $argv[1] . '/config/config.php';
$c = $CONFIG;
$o = [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION];
if ($c['dbtype'] === 'sqlite3') {
	$pdo = new PDO('sqlite:' . $c['datadirectory'] . '/' . $c['dbname'] . '.db', null, null, $o);
	$tables = $pdo->query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN);
} else {
	[$h, $p] = explode(':', $c['dbhost'], 2);
	$drv = $c['dbtype'] === 'mysql' ? 'mysql' : 'pgsql';
	$pdo = new PDO("$drv:host=$h;port=$p;dbname={$c['dbname']}", $c['dbuser'], $c['dbpassword'], $o);
	$schema = $drv === 'mysql' ? 'DATABASE()' : "'public'";
	$tables = $pdo->query("SELECT table_name FROM information_schema.tables WHERE table_schema = $schema ORDER BY table_name")->fetchAll(PDO::FETCH_COLUMN);
	if ($drv === 'mysql') { $pdo->exec("SET SESSION sql_mode = 'ANSI_QUOTES'"); }
}
foreach ($tables as $t) {
	$rows = [];
	foreach ($pdo->query('SELECT * FROM "' . $t . '"')->fetchAll(PDO::FETCH_NUM) as $r) { $rows[] = json_encode($r); }
	sort($rows);
	echo $t, ' ', count($rows), ' ', md5(implode("\n", $rows)), "\n";
}
