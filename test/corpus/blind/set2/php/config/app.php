<?php
declare(strict_types=1);

// Loaded by public/index.php. Values come from the environment in production.
$env = getenv('APP_ENV') ?: 'local';

ini_set('memory_limit', '256M');
ini_set('max_execution_time', '30');
date_default_timezone_set('UTC');

$dbHost = getenv('DB_HOST') ?: '127.0.0.1';
$dbPort = (int) (getenv('DB_PORT') ?: 3306);

$pdo = new PDO(
    "mysql:host=db;port=3306;dbname=shop;charset=utf8mb4",
    getenv('DB_USER') ?: 'shop',
    getenv('DB_PASS') ?: '',
    [PDO::ATTR_TIMEOUT => 5, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]
);

$reports = new PDO('pgsql:host=reports.internal;port=5432;dbname=reports', 'ro', getenv('REPORTS_PASS'));

$redis = new Redis();
$redis->connect('redis', 6379, 2.5);
$redis->select(3);

define('MEMCACHED_PORT', 11211);
$mc = new Memcached();
$mc->addServer('cache.internal', MEMCACHED_PORT, 1);

$mailer = new PHPMailer\PHPMailer\PHPMailer(true);
$mailer->Host = 'smtp.example.com';
$mailer->Port = 587;
$mailer->SMTPSecure = 'tls';
$mailer->Timeout = 10;

// `php -S` for local development only
$port = 8080;
if ($env === 'local' && PHP_SAPI === 'cli') {
    passthru(sprintf('php -S 0.0.0.0:%d -t public', $port));
}

$server = new Swoole\Http\Server("0.0.0.0", 9501);
$server->set(['worker_num' => 4, 'max_request' => 10000, 'package_max_length' => 2 * 1024 * 1024]);

function hashPassword(string $p): string {
    return password_hash($p, PASSWORD_BCRYPT, ['cost' => 12]);
}

if (!isset($_SESSION['uid'])) {
    http_response_code(401);
    setcookie('sid', bin2hex(random_bytes(16)), time() + 3600, '/', '', true, true);
}

return [
    'name' => 'shop',
    'version' => '3.14.2',
    'url' => getenv('APP_URL') ?: 'http://localhost:8080',
    'per_page' => 25,
    'released' => '2024-02-29',
];
