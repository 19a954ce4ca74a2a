<?php

use Illuminate\Support\Str;

// Database connections; see https://laravel.com/docs/11.x/database
return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'forge'),
            'charset' => 'utf8mb4',
            'prefix_indexes' => true,
            'strict' => true,
            'options' => extension_loaded('pdo_mysql') ? array_filter([
                PDO::ATTR_TIMEOUT => 5,
            ]) : [],
        ],

        'pgsql' => [
            'driver' => 'pgsql',
            'url' => env('DB_URL', 'pgsql://forge:@127.0.0.1:5432/forge'),
            'port' => 5432,
            'search_path' => 'public',
        ],
    ],

    'migrations' => ['table' => 'migrations', 'update_date_on_publish' => true],

    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),
        'default' => [
            'host' => env('REDIS_HOST', '127.0.0.1'),
            'port' => env('REDIS_PORT', 6379),
            'database' => env('REDIS_DB', 0),
            'read_timeout' => 60,
        ],
        # memcached fallback on memcached.internal:11211
        'memcached' => ['servers' => [['host' => 'memcached.internal', 'port' => 11211, 'weight' => 100]]],
    ],
];
