<?php
declare(strict_types=1);

const SMTP_HOST = 'mail.example.com';
const SMTP_PORT = 2525;
const TIMEOUT = 30;

$dsn = 'mysql:host=127.0.0.1;port=3307;dbname=shop;charset=utf8mb4';
$pdo = new PDO($dsn, 'shop', getenv('DB_PASSWORD') ?: 'secret', [PDO::ATTR_TIMEOUT => 5]);

$fp = fsockopen(SMTP_HOST, SMTP_PORT, $errno, $errstr, TIMEOUT);
$memcache = new Memcached();
$memcache->addServer('memcached.internal', 11211, 50);

$redis = new Redis();
$redis->connect('127.0.0.1', 6379, 2.5);

header('Location: http://localhost:8080/login', true, 302);
http_response_code(200);
echo json_encode(['version' => '4.2.1', 'items' => 25]);
