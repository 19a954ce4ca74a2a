<?php
declare(strict_types=1);

$mysql = new PDO(
    'mysql:host=127.0.0.1;port=3306;dbname=shop;charset=utf8mb4',
    getenv('DB_USER') ?: 'root',
    getenv('DB_PASS') ?: '',
    [PDO::ATTR_TIMEOUT => 5, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]
);

$pg = new PDO('pgsql:host=db;port=5432;dbname=app;sslmode=require');

$redis = new Redis();
$redis->connect('127.0.0.1', 6379, 2.5);
$redis->select(3);

$memcached = new Memcached();
$memcached->addServer('cache.internal', 11211, 33);

if (!$mysql) {
    http_response_code(500);
    exit(1);
}
$ttl = 86400 * 30;
