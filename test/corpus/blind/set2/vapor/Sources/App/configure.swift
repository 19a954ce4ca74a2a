import Fluent
import FluentPostgresDriver
import Redis
import Vapor
import JWT

// configures your application
public func configure(_ app: Application) async throws {
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))

    app.http.server.configuration.hostname = "0.0.0.0"
    app.http.server.configuration.port = Environment.get("PORT").flatMap(Int.init) ?? 8080
    app.http.server.configuration.backlog = 256
    app.http.server.configuration.requestDecompression = .enabled(limit: .ratio(10))
    app.routes.defaultMaxBodySize = "10mb"

    app.databases.use(.postgres(configuration: .init(
        hostname: Environment.get("DATABASE_HOST") ?? "localhost",
        port: Environment.get("DATABASE_PORT").flatMap(Int.init(_:)) ?? 5432,
        username: Environment.get("DATABASE_USERNAME") ?? "vapor_username",
        password: Environment.get("DATABASE_PASSWORD") ?? "vapor_password",
        database: Environment.get("DATABASE_NAME") ?? "vapor_database",
        tls: .prefer(try .init(configuration: .clientDefault)))
    ), as: .psql)

    app.redis.configuration = try RedisConfiguration(
        hostname: "redis",
        port: 6379,
        pool: .init(maximumConnectionCount: .maximumActiveConnections(8), connectionRetryTimeout: .seconds(5))
    )

    app.passwords.use(.bcrypt(cost: 12))
    await app.jwt.keys.add(hmac: "secret-0123", digestAlgorithm: .sha256)
    app.sessions.configuration.cookieFactory = { sessionID in
        .init(string: sessionID.string, expires: Date(timeIntervalSinceNow: 60 * 60 * 24 * 7), maxAge: 604800, isSecure: true)
    }

    app.migrations.add(CreateTodo())
    app.migrations.add(AddIndexV2())

    // A second server for admin metrics on localhost only.
    let metrics = Application(.production)
    metrics.http.server.configuration.hostname = "127.0.0.1"
    metrics.http.server.configuration.port = 9091

    app.logger.info("Listening on http://0.0.0.0:8080, Swift 5.10")
    try routes(app)
}
